import type { z } from 'zod';
import type { ConfigIssue } from '../gates/configIssue';

/**
 * Every problem a schema found, as `{ path, message }` with a JSONPath-like path (`fleets[0].strategy`, `$` for the
 * root, `base` prefixed when given) and the house wording (`is required`, `expected a number, got "x"`, `unknown key
 * (allowed: …)`), one problem per path: the first one, as a person fixes a value once. Unknown keys are reported one
 * per key, and a union names the problems of the branch the value was meant for.
 */
export function schemaIssues(error: z.ZodError, base = ''): ConfigIssue[] {
  const seen = new Set<string>();
  return flatten(error.issues).flatMap((issue) => {
    const path = pathText(base, issue.path);
    if (seen.has(path)) return [];
    seen.add(path);
    return [{ path, message: issue.message }];
  });
}

/**
 * The house wording of zod's issues (passed as the `error` map of a parse). A schema's own message (`{ error: '…' }`)
 * wins over this one, so hints such as `must match a GUID` stay next to the rule they explain.
 */
export const houseMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.expected === 'int') return 'expected a whole number';
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      if (issue.input === undefined) return `is required (one of ${issue.values.map(String).join(', ')})`;
      return `must be one of ${issue.values.map(String).join(', ')}, got ${describeValue(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must have at least ${String(issue.minimum)} ${issue.origin === 'string' ? 'characters' : 'entries'}`;
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `must have at most ${String(issue.maximum)} entries`;
      return `must be at most ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `unknown key (allowed: ${allowedKeys(issue.inst).join(', ')})`;
    case 'invalid_union':
      if (issue.discriminator !== undefined) {
        const options = (issue as { readonly options?: readonly unknown[] }).options ?? [];
        const value = typeof issue.input === 'object' && issue.input !== null ? (issue.input as Record<string, unknown>)[issue.discriminator] : undefined;
        return value === undefined ? `is required (one of ${options.map(String).join(', ')})` : `must be one of ${options.map(String).join(', ')}, got ${describeValue(value)}`;
      }
      return `expected ${describeUnion(issue.errors)}, got ${describeValue(issue.input)}`;
    case 'custom':
    case 'invalid_element':
    case 'invalid_format':
    case 'invalid_key':
    case 'not_multiple_of':
      // A schema's own message (a pattern's hint, a rule's explanation) or zod's.
      return undefined;
    default:
      return undefined;
  }
};

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/** A value as a message shows it: strings quoted and capped, numbers and booleans with their type. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

type Issue = z.core.$ZodIssue;

/** Unknown keys one per key; a union's issues from the branch that matched the value's type (else the union's own). */
function flatten(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ ...issue, path: [...path, key] }));
    if (issue.code === 'invalid_union' && issue.discriminator === undefined) {
      const meant = issue.errors.filter((branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (meant.length === 1 && meant[0] !== undefined) return flatten(meant[0], path);
    }
    return [{ ...issue, path }];
  });
}

function describeUnion(branches: readonly (readonly Issue[])[]): string {
  const expected = branches.flatMap((b) => b.flatMap((i) => (i.code === 'invalid_type' && i.path.length === 0 ? [EXPECTED[i.expected] ?? i.expected] : [])));
  return expected.length > 0 ? [...new Set(expected)].join(' or ') : 'one of the allowed forms';
}

function allowedKeys(schema: unknown): string[] {
  const shape = (schema as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
  return shape === undefined ? [] : Object.keys(shape);
}

function pathText(base: string, path: readonly PropertyKey[]): string {
  const text = path.reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : at === '' ? String(key) : `${at}.${String(key)}`), base);
  return text === '' ? '$' : text;
}
