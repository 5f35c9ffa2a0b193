import type { TokenSigner } from '../../domain/approvals/tokenCodec';
import type { Signer } from '../../ports';

/** The signer of approval link tokens (and the form tokens bound to them): HMAC with the token key, base64url. */
export function linkSigner(signer: Signer): TokenSigner {
  return withCodec(signer, (data) => signer.tokenHmac(data));
}

/** The signer of a callback channel: HMAC with that channel's shared secret, lowercase hex. */
export function callbackSigner(signer: Signer, secret: string): TokenSigner {
  return withCodec(signer, (data) => signer.hmacHex(secret, data));
}

function withCodec(signer: Signer, sign: (data: string) => string): TokenSigner {
  return {
    sign,
    encodeBase64Url: (text) => signer.encodeBase64Url(text),
    decodeBase64Url: (encoded) => signer.decodeBase64Url(encoded),
    constantTimeEqual: (expected, actual) => signer.constantTimeEqual(expected, actual),
  };
}
