import { containsControlCharacter } from '../checks/kqlLiteral';
import { childPath, type ConfigIssue } from './configIssue';

/**
 * Small, path-aware readers over already-decoded YAML/JSON. Each reader appends to `issues` and returns
 * `undefined` when the value is missing or invalid, so a parser can keep going and report everything at once.
 */
export type IssueList = ConfigIssue[];

export type Fields = Readonly<Record<string, unknown>>;

/** Returns the value as a plain object, or records `expected an object`. */
export function readObject(value: unknown, path: string, issues: IssueList): Fields | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Fields;
  issues.push({ path, message: `expected an object, got ${describe(value)}` });
  return undefined;
}

/** Returns the value as an array, or records `expected a list`. */
export function readArray(value: unknown, path: string, issues: IssueList): readonly unknown[] | undefined {
  if (Array.isArray(value)) return value as unknown[];
  issues.push({ path, message: `expected a list, got ${describe(value)}` });
  return undefined;
}

/** Records one issue per key that the section does not define (catches typos such as `failurLimit`). */
export function rejectUnknownKeys(fields: Fields, allowed: readonly string[], path: string, issues: IssueList): void {
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) {
      issues.push({ path: childPath(path, key), message: `unknown key (allowed: ${allowed.join(', ')})` });
    }
  }
}

export interface StringRule {
  readonly required?: boolean;
  readonly pattern?: RegExp;
  /** Human explanation of `pattern`, used in the message. */
  readonly patternHint?: string;
  readonly maxLength?: number;
}

/** Reads a string field. Control characters are always rejected. */
export function readString(fields: Fields, key: string, path: string, issues: IssueList, rule: StringRule = {}): string | undefined {
  const at = childPath(path, key);
  const value = fields[key];
  if (value === undefined || value === null) {
    if (rule.required === true) issues.push({ path: at, message: 'is required' });
    return undefined;
  }
  return checkString(value, at, issues, rule);
}

/** Validates one string value (shared by readString and readStringList). */
export function checkString(value: unknown, at: string, issues: IssueList, rule: StringRule = {}): string | undefined {
  if (typeof value !== 'string') {
    issues.push({ path: at, message: `expected a string, got ${describe(value)}` });
    return undefined;
  }
  if (value.length === 0) {
    issues.push({ path: at, message: 'must not be empty' });
    return undefined;
  }
  if (rule.maxLength !== undefined && value.length > rule.maxLength) {
    issues.push({ path: at, message: `must be at most ${rule.maxLength} characters` });
    return undefined;
  }
  if (containsControlCharacter(value)) {
    issues.push({ path: at, message: 'must not contain control characters' });
    return undefined;
  }
  if (rule.pattern !== undefined && !rule.pattern.test(value)) {
    issues.push({ path: at, message: `must match ${rule.patternHint ?? String(rule.pattern)}` });
    return undefined;
  }
  return value;
}

/** Reads a list of strings; every invalid element is reported with its index. */
export function readStringList(
  fields: Fields,
  key: string,
  path: string,
  issues: IssueList,
  rule: StringRule & { readonly nonEmpty?: boolean } = {},
): readonly string[] | undefined {
  const at = childPath(path, key);
  const value = fields[key];
  if (value === undefined || value === null) {
    if (rule.required === true) issues.push({ path: at, message: 'is required' });
    return undefined;
  }
  const list = readArray(value, at, issues);
  if (list === undefined) return undefined;
  if (rule.nonEmpty === true && list.length === 0) {
    issues.push({ path: at, message: 'must not be empty' });
    return undefined;
  }
  const before = issues.length;
  const strings = list.map((item, index) => checkString(item, childPath(at, index), issues, rule));
  return issues.length === before ? (strings as string[]) : undefined;
}

export interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
}

/** Reads a number field, falling back to `fallback` when absent (records `is required` if there is none). */
export function readNumber(
  fields: Fields,
  key: string,
  path: string,
  issues: IssueList,
  rule: NumberRule & { readonly fallback?: number } = {},
): number | undefined {
  const at = childPath(path, key);
  const value = fields[key];
  if (value === undefined || value === null) {
    if (rule.fallback === undefined) issues.push({ path: at, message: 'is required' });
    return rule.fallback;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.push({ path: at, message: `expected a number, got ${describe(value)}` });
    return undefined;
  }
  if (rule.integer === true && !Number.isInteger(value)) {
    issues.push({ path: at, message: 'expected a whole number' });
    return undefined;
  }
  if (rule.min !== undefined && value < rule.min) {
    issues.push({ path: at, message: `must be at least ${rule.min}` });
    return undefined;
  }
  if (rule.max !== undefined && value > rule.max) {
    issues.push({ path: at, message: `must be at most ${rule.max}` });
    return undefined;
  }
  return value;
}

/** Reads a boolean field, falling back to `fallback` when absent. */
export function readBoolean(fields: Fields, key: string, path: string, issues: IssueList, fallback: boolean): boolean {
  const value = fields[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  issues.push({ path: childPath(path, key), message: `expected true or false, got ${describe(value)}` });
  return fallback;
}

/** Reads one of a fixed set of strings, falling back to `fallback` when absent. */
export function readEnum<T extends string>(
  fields: Fields,
  key: string,
  path: string,
  issues: IssueList,
  allowed: readonly T[],
  fallback?: T,
): T | undefined {
  const at = childPath(path, key);
  const value = fields[key];
  if (value === undefined || value === null) {
    if (fallback === undefined) issues.push({ path: at, message: `is required (one of ${allowed.join(', ')})` });
    return fallback;
  }
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  issues.push({ path: at, message: `must be one of ${allowed.join(', ')}, got ${describe(value)}` });
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}
