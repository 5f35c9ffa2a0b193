/**
 * The ETag of a transaction's first operation. By position, not `getResponseForEntity`: the service echoes row keys
 * URI-encoded, so a key with `:` or `%` would not be found. Missing would make the next ETag-guarded write
 * unconditional, so it is an error.
 */
export function etagOfFirst(response: { readonly subResponses: readonly { readonly etag?: string }[] }): string {
  const etag = response.subResponses[0]?.etag;
  if (!etag) throw new Error('Table transaction answered without the ETag of its first operation');
  return etag;
}
