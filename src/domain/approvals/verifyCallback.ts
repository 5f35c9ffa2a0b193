import type { Hmac } from './approvalToken';
import type { TokenSigner } from './tokenCodec';
import { parseCallbackDecision, type CallbackDecision } from './callbackDecision';

/** Header with the sender's clock, epoch seconds (decimal), part of what is signed. */
export const TIMESTAMP_HEADER = 'x-conductor-timestamp';
/** Header `sha256=<lowercase hex HMAC-SHA256 of "<timestamp>.<body>">` with the shared webhook secret. */
export const SIGNATURE_HEADER = 'x-conductor-signature';
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;
/** Largest callback body accepted (characters). */
export const MAX_CALLBACK_BODY = 16_384;

export type CallbackRejection =
  | 'missingHeaders'
  | 'malformedTimestamp'
  | 'malformedSignature'
  | 'badSignature'
  | 'staleTimestamp'
  | 'malformedBody'
  | 'replayed';

export type VerifyCallbackResult = { readonly ok: true; readonly decision: CallbackDecision } | { readonly ok: false; readonly reason: CallbackRejection };

export interface SignedRequest {
  /** The raw body exactly as received (verify BEFORE parsing; do not re-serialize). */
  readonly body: string;
  readonly timestampHeader: string | null | undefined;
  readonly signatureHeader: string | null | undefined;
}

const TIMESTAMP = /^[0-9]{1,12}$/;
const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Verifies `POST /api/approvals/callback` (a decision from another system), in this order: both headers present →
 * missingHeaders; timestamp digits → malformedTimestamp; `sha256=<64 hex>` → malformedSignature; HMAC over
 * `${timestamp}.${body}` compared in constant time → badSignature; |now − timestamp| ≤ replayWindowSeconds (both
 * ways: old captures and clocks far ahead) → staleTimestamp; body is a valid CallbackDecision → malformedBody;
 * `seenNonce(decision.id)` true → replayed. The caller remembers ids of accepted callbacks at least for the replay
 * window (longer is fine) and gives every rejection a 4xx without changing any state.
 * `signer.sign` is the HMAC with the channel secret in lowercase hex (as the header carries).
 */
export function verifyCallback(
  request: SignedRequest,
  signer: Pick<TokenSigner, 'sign' | 'constantTimeEqual'>,
  now: string,
  replayWindowSeconds: number = DEFAULT_REPLAY_WINDOW_SECONDS,
  seenNonce?: (id: string) => boolean,
): VerifyCallbackResult {
  const { body, timestampHeader, signatureHeader } = request;
  if (timestampHeader == null || signatureHeader == null || timestampHeader === '' || signatureHeader === '') return reject('missingHeaders');
  if (!TIMESTAMP.test(timestampHeader)) return reject('malformedTimestamp');
  const hex = SIGNATURE.exec(signatureHeader)?.[1];
  if (hex === undefined) return reject('malformedSignature');
  if (typeof body !== 'string' || body.length > MAX_CALLBACK_BODY) return reject('malformedBody');
  if (!signer.constantTimeEqual(signer.sign(`${timestampHeader}.${body}`), hex.toLowerCase())) return reject('badSignature');
  const skew = Math.abs(Math.floor(Date.parse(now) / 1000) - Number(timestampHeader));
  if (!(skew <= replayWindowSeconds)) return reject('staleTimestamp');
  const decision = parseCallbackDecision(body);
  if (decision === undefined) return reject('malformedBody');
  if (seenNonce?.(decision.id) === true) return reject('replayed');
  return { ok: true, decision };
}

/**
 * The headers for an outgoing signed webhook (the generic JSON channel) or a test callback: the same scheme.
 * `nowEpochSeconds` is the sender's clock; `hmac` returns lowercase hex.
 */
export function signedHeaders(body: string, nowEpochSeconds: number, hmac: Hmac): Record<typeof TIMESTAMP_HEADER | typeof SIGNATURE_HEADER, string> {
  const timestamp = String(Math.floor(nowEpochSeconds));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: `sha256=${hmac(`${timestamp}.${body}`)}` };
}

function reject(reason: CallbackRejection): VerifyCallbackResult {
  return { ok: false, reason };
}
