import type { z } from 'zod';
import type { ConfigResult } from '../gates/configIssue';
import { houseMessages, schemaIssues } from './schemaIssues';

/** Parses `value` with `schema`: the typed value, or every problem with its path (under `base`) in the house wording. */
export function parseWithSchema<S extends z.ZodType>(schema: S, value: unknown, base = ''): ConfigResult<z.output<S>> {
  const result = schema.safeParse(value, { error: houseMessages });
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: schemaIssues(result.error, base) };
}
