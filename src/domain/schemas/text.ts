import { z } from 'zod';
import { containsControlCharacter } from '../checks/kqlLiteral';

export interface TextRule {
  readonly max?: number;
  readonly pattern?: RegExp;
  /** What `pattern` means, for the message (`must match <hint>`). */
  readonly hint?: string;
  /** Shown in the JSON Schema (editor completion). */
  readonly description?: string;
}

/**
 * A non-empty string without control characters, at most `max` long, matching `pattern`. Config and request text
 * ends up in KQL, ARM URLs, HTML and logs: a control character is never meaningful there, so every string refuses it.
 */
export function text(rule: TextRule = {}): z.ZodString {
  let schema = z.string().min(1);
  if (rule.max !== undefined) schema = schema.max(rule.max);
  schema = schema.refine((value) => !containsControlCharacter(value), { error: 'must not contain control characters' });
  if (rule.pattern !== undefined) schema = schema.regex(rule.pattern, { error: `must match ${rule.hint ?? String(rule.pattern)}` });
  return rule.description === undefined ? schema : schema.describe(rule.description);
}
