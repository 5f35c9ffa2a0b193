import { describe, expect, it } from 'vitest';
import { nodeTokenCodec } from '../../../../src/adapters/crypto/nodeTokenCodec';
import { utf8Length } from '../../../../src/domain/approvals/utf8Length';

const { constantTimeEqual, decodeBase64Url, encodeBase64Url } = nodeTokenCodec;

describe('constantTimeEqual', () => {
  it.each([
    { a: 'abc', b: 'abc', equal: true },
    { a: '', b: '', equal: true },
    { a: 'abc', b: 'abd', equal: false },
    { a: 'abc', b: 'ab', equal: false },
    { a: 'abc', b: 'abcd', equal: false },
    { a: 'ab', b: 'ab\u0000', equal: false },
    { a: 'abc', b: '', equal: false },
  ])('$a vs $b → $equal', ({ a, b, equal }) => {
    expect(constantTimeEqual(a, b)).toBe(equal);
  });
});

describe('base64url', () => {
  it.each(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', 'ünïcödé ✓ 🚀', JSON.stringify({ v: 1, fleetId: '/subscriptions/s1/x', exp: 1 })])('round-trips %j exactly like Node', (text) => {
    const encoded = encodeBase64Url(text);

    expect(encoded).toBe(Buffer.from(text, 'utf8').toString('base64url'));
    expect(decodeBase64Url(encoded)).toBe(text);
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });

  it.each([
    { name: 'padding', input: 'Zm8=' },
    { name: 'impossible length', input: 'Zm9vY' },
    { name: 'non-zero trailing bits (a second spelling of "f")', input: 'Zh' },
    { name: 'invalid UTF-8 (lone continuation byte)', input: 'gA' },
    { name: 'overlong UTF-8', input: 'wK8' },
  ])('refuses $name', ({ input }) => {
    expect(decodeBase64Url(input)).toBeUndefined();
  });
});
