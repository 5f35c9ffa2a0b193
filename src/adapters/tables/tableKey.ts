/**
 * Table Storage keys may not contain `/ \ # ?` or control characters; ARM ids are full of slashes and are
 * case-insensitive. Keys are therefore the lower-cased id, URI-encoded (which also keeps them readable).
 */
export function tableKey(...parts: readonly string[]): string {
  return parts.map((p) => encodeURIComponent(p.toLowerCase())).join('|');
}

/** `'` doubled, for OData filter string literals. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
