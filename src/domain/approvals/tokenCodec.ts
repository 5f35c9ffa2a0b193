/**
 * Byte-level work the approval rules need but the domain does not do itself (it may not use Buffer or node:crypto):
 * implemented on Buffer and node:crypto's timingSafeEqual by `src/adapters/crypto/nodeTokenCodec.ts`, reached
 * through the Signer port. The rules that use it (what a token binds, the order of checks, canonical claims,
 * expiry, replay windows) stay in the domain. Properties, not methods: the functions use no `this`.
 */
export interface TokenCodec {
  /** UTF-8 text as base64url (RFC 4648 §5), no padding. */
  readonly encodeBase64Url: (text: string) => string;
  /**
   * Strict inverse of encodeBase64Url: undefined for any character outside the alphabet (padding included), an
   * impossible length, non-zero trailing bits (so every byte string has ONE spelling), or invalid UTF-8.
   */
  readonly decodeBase64Url: (encoded: string) => string | undefined;
  /** `expected` (secret-derived) equals `actual` (untrusted), in time that depends only on `expected`'s length. */
  readonly constantTimeEqual: (expected: string, actual: string) => boolean;
}

/** A codec with the keyed signature of one purpose (link tokens: base64url HMAC; callbacks: hex HMAC with a channel secret). */
export interface TokenSigner extends TokenCodec {
  readonly sign: (data: string) => string;
}
