import type { z } from 'zod';

/** One problem a schema found: where (`fleets[0].members[2].name`, `<root>` for the document) and what. */
export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Every problem of a failed parse, one per path (the first: a person fixes a value once), unknown keys one per key.
 * The emulator keeps its own copy of this small formatter: it imports nothing from src/ (docs/design.md §2.6).
 */
export function schemaIssues(error: z.ZodError): SchemaIssue[] {
  const seen = new Set<string>();
  return error.issues
    .flatMap((issue): { path: readonly PropertyKey[]; message: string }[] =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ path: [...issue.path, key], message: issue.message })) : [issue],
    )
    .flatMap((issue) => {
      const path = pathText(issue.path);
      if (seen.has(path)) return [];
      seen.add(path);
      return [{ path, message: issue.message }];
    });
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
};

/**
 * The emulator's wording of zod's issues (the `error` map of a parse): `is required (a string)`, `must be a number`,
 * `must be one of sync, async`. A schema's own message wins over this one.
 */
export const emulatorMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return issue.input === undefined ? `is required (${expected})` : `must be ${expected}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must be a non-empty string';
      if (issue.origin === 'array') return 'must not be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return 'is not a known field';
    case 'custom':
    case 'invalid_element':
    case 'invalid_format':
    case 'invalid_key':
    case 'invalid_union':
    case 'not_multiple_of':
      // A schema's own message (a pattern's hint, a rule's explanation) or zod's.
      return undefined;
    default:
      return undefined;
  }
};

function pathText(path: readonly PropertyKey[]): string {
  const text = path.reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : at === '' ? String(key) : `${at}.${String(key)}`), '');
  return text === '' ? '<root>' : text;
}
