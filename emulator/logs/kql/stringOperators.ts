import type { Compiled } from './compiled';
import { derive } from './compiled';
import { KqlError, type SourcePosition } from './KqlError';
import type { KqlValue, Row } from './kqlTypes';
import { valueToString } from './kqlValues';

export const STRING_OPERATORS: ReadonlySet<string> = new Set([
  '=~', '!~', 'has', '!has', 'has_cs', '!has_cs', 'contains', '!contains', 'contains_cs', '!contains_cs',
  'startswith', '!startswith', 'startswith_cs', '!startswith_cs', 'endswith', '!endswith', 'endswith_cs', '!endswith_cs',
  'matches regex',
]);

const isWordChar = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;

/**
 * `has`: the needle must appear as whole terms — the characters just before and after the match must not be
 * alphanumeric when the needle itself starts/ends with an alphanumeric character (Kusto's term index semantics).
 */
export function hasTerm(haystack: string, needle: string): boolean {
  if (needle === '') return true;
  const checkStart = isWordChar(needle.charCodeAt(0));
  const checkEnd = isWordChar(needle.charCodeAt(needle.length - 1));
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const end = at + needle.length;
    const okStart = !checkStart || at === 0 || !isWordChar(haystack.charCodeAt(at - 1));
    const okEnd = !checkEnd || end === haystack.length || !isWordChar(haystack.charCodeAt(end));
    if (okStart && okEnd) return true;
    from = at + 1;
  }
}

type Test = (hay: string, needle: string) => boolean;

const TESTS: Readonly<Record<string, { test: Test; fold: boolean }>> = {
  '=~': { test: (h, n) => h === n, fold: true },
  has: { test: hasTerm, fold: true },
  has_cs: { test: hasTerm, fold: false },
  contains: { test: (h, n) => h.includes(n), fold: true },
  contains_cs: { test: (h, n) => h.includes(n), fold: false },
  startswith: { test: (h, n) => h.startsWith(n), fold: true },
  startswith_cs: { test: (h, n) => h.startsWith(n), fold: false },
  endswith: { test: (h, n) => h.endsWith(n), fold: true },
  endswith_cs: { test: (h, n) => h.endsWith(n), fold: false },
};

/** Compiles a string operator. Operands must be string, guid or dynamic (dynamic null reads as ''). */
export function compileStringOperator(op: string, left: Compiled, right: Compiled, pos: SourcePosition): Compiled {
  for (const side of [left, right]) {
    if (side.type !== 'string' && side.type !== 'guid' && side.type !== 'dynamic') {
      throw new KqlError(`Operator '${op}' needs string operands, got ${side.type} (use tostring())`, pos);
    }
  }
  const a = asText(left);
  const b = asText(right);
  if (op === 'matches regex') {
    if (!right.constant) throw new KqlError("The pattern of 'matches regex' must be a constant string", pos);
    const pattern = b([]) as string;
    let re: RegExp;
    try {
      re = new RegExp(pattern);
    } catch (err) {
      throw new KqlError(`Invalid regular expression '${pattern}': ${(err as Error).message}`, pos);
    }
    return derive('bool', [left, right], (r) => re.test(a(r) as string));
  }
  const negated = op.startsWith('!');
  const base = negated ? op.slice(1) : op;
  const spec = base === '~' ? TESTS['=~'] : TESTS[base];
  if (!spec) throw new KqlError(`Unknown string operator '${op}'`, pos);
  const { test, fold } = spec;
  if (right.constant) {
    const needle = fold ? (b([]) as string).toLowerCase() : (b([]) as string);
    return fold
      ? derive('bool', [left, right], (r) => test((a(r) as string).toLowerCase(), needle) !== negated)
      : derive('bool', [left, right], (r) => test(a(r) as string, needle) !== negated);
  }
  return derive('bool', [left, right], (r) => {
    const h = a(r) as string;
    const n = b(r) as string;
    return (fold ? test(h.toLowerCase(), n.toLowerCase()) : test(h, n)) !== negated;
  });
}

function asText(c: Compiled): (row: Row) => KqlValue {
  if (c.type === 'string') return c.fn;
  const f = c.fn;
  const type = c.type;
  return (r) => valueToString(f(r), type);
}
