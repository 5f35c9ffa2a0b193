import { z } from 'zod';
import { conductorConfigSchema } from './conductorConfigSchema';

/** Where the generated JSON Schema is published in the repository (`npm run schema` writes it). */
export const CONDUCTOR_SCHEMA_FILE = 'schema/conductor.schema.json';

/**
 * The JSON Schema (2020-12) of conductor.yaml, generated from the same zod schema the app parses it with: what an
 * editor can check as you type (`# yaml-language-server: $schema=…`). Rules across fields (references between
 * sections, duplicates, lookback minimums) are the parser's alone; the schema holds every field, type, pattern,
 * range and default.
 */
export function conductorJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(conductorConfigSchema, { io: 'input', unrepresentable: 'any' });
}
