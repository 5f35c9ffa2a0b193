/**
 * KQL literal rendering. Every value that enters a query (cluster ids from Fleet, namespaces and controller names
 * from config, window bounds) goes through one of these functions; nothing is concatenated raw.
 */

/** Thrown when a value cannot be rendered safely (control characters, malformed timestamps). */
export class UnsafeKqlValueError extends Error {
  override readonly name = 'UnsafeKqlValueError';
  constructor(
    message: string,
    /** The offending value, JSON-encoded so that control characters stay visible in logs. */
    readonly value: string,
  ) {
    super(message);
  }
}

/** True when the text contains C0/C1 control characters or Unicode line/paragraph separators. */
export function containsControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

/**
 * Renders a double-quoted KQL string literal: backslash and double quote are escaped, control characters are
 * rejected (they have no business in ids or names and are the classic way to smuggle a line break).
 */
export function kqlString(value: string): string {
  if (containsControlCharacter(value)) {
    throw new UnsafeKqlValueError('value contains a control character', JSON.stringify(value));
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Renders `dynamic(["a", "b"])` with every element escaped by kqlString. */
export function kqlDynamicStrings(values: readonly string[]): string {
  return `dynamic([${values.map(kqlString).join(', ')}])`;
}

/** Renders a parenthesised list `("a", "b")` for `in`/`!in`. */
export function kqlStringList(values: readonly string[]): string {
  return `(${values.map(kqlString).join(', ')})`;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;

/** Renders `datetime(2026-11-21T17:00:00.000Z)`; only strict UTC ISO-8601 timestamps are accepted. */
export function kqlDatetime(iso: string): string {
  if (!ISO_UTC.test(iso) || Number.isNaN(Date.parse(iso))) {
    throw new UnsafeKqlValueError('expected a UTC ISO-8601 timestamp', JSON.stringify(iso));
  }
  return `datetime(${iso})`;
}

/** Renders a finite number as a KQL numeric literal. */
export function kqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new UnsafeKqlValueError('expected a finite number', JSON.stringify(value));
  return String(value);
}

/** Escapes a value for use inside a KQL regex string (the result still goes through kqlString). */
export function regexEscape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
