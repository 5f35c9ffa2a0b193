import { timingSafeEqual } from 'node:crypto';
import type { TokenCodec } from '../../domain/approvals/tokenCodec';

const BASE64URL = /^[A-Za-z0-9_-]*$/;
// `fatal`: invalid UTF-8 (overlong forms, surrogates, > U+10FFFF) throws instead of becoming U+FFFD;
// `ignoreBOM`: a leading BOM is kept as text, so the decoded text is exactly what was encoded.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** TokenCodec on Buffer (base64url, UTF-8) and node:crypto's timingSafeEqual. */
export const nodeTokenCodec: TokenCodec = {
  encodeBase64Url: (text: string): string => {
    return Buffer.from(text, 'utf8').toString('base64url');
  },

  decodeBase64Url: (encoded: string): string | undefined => {
    if (!BASE64URL.test(encoded)) return undefined;
    const bytes = Buffer.from(encoded, 'base64url');
    // Buffer's decoder is lenient (it ignores trailing bits and a dangling character): only the one canonical
    // spelling of these bytes is accepted.
    if (bytes.toString('base64url') !== encoded) return undefined;
    try {
      return UTF8.decode(bytes);
    } catch {
      return undefined;
    }
  },

  constantTimeEqual: (expected: string, actual: string): boolean => {
    const want = Buffer.from(expected, 'utf8');
    const got = Buffer.from(actual, 'utf8');
    // timingSafeEqual needs equal lengths; on a mismatch compare `want` with itself so the time still depends only on it.
    if (want.length !== got.length) return !timingSafeEqual(want, want);
    return timingSafeEqual(want, got);
  },
};
