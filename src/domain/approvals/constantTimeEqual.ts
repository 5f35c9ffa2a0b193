/**
 * Compares a secret-derived string (`expected`, e.g. a computed HMAC) with an untrusted one in time that depends
 * only on `expected.length`: every character is compared, differences are OR-accumulated with XOR, and a length
 * mismatch fails without an early exit on content. Pure TypeScript (the domain may not use node:crypto's
 * timingSafeEqual); JavaScript gives no hard guarantee, but there is no data-dependent branch or early return.
 */
export function constantTimeEqual(expected: string, actual: string): boolean {
  let difference = expected.length ^ actual.length;
  for (let index = 0; index < expected.length; index += 1) {
    // charCodeAt past the end is NaN; `| 0` makes it 0, so a shorter `actual` is still walked to the end.
    difference |= expected.charCodeAt(index) ^ (actual.charCodeAt(index) | 0);
  }
  return difference === 0;
}
