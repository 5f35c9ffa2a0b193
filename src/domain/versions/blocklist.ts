/**
 * The first blocklist entry matching `version`, or undefined. Entries are exact versions (`1.33.2`,
 * `202511.02.0`) or patterns where `*` matches any run of characters (`1.33.*`, `1.*.0`, `202511.*`).
 * Matching is whole-string and case-insensitive; surrounding whitespace in entries is ignored.
 */
export function matchBlocklist(version: string, blocklist: readonly string[]): string | undefined {
  return blocklist.find((entry) => patternToRegExp(entry.trim()).test(version.trim()));
}

function patternToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}
