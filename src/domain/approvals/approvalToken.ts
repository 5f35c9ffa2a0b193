import type { GateRef } from '../gates/gateIdentity';
import type { TokenSigner } from './tokenCodec';

/**
 * What an approval link token binds: the gate, the request and an expiry. It carries NO identity: the approver is
 * always the authenticated principal of whoever opens the link, so a forwarded link cannot approve as someone else.
 */
export interface ApprovalTokenClaims {
  readonly v: 1;
  readonly fleetId: string;
  readonly runName: string;
  readonly gateId: string;
  readonly requestId: string;
  /** Expiry, epoch seconds (usually the request's expiresAt). */
  readonly exp: number;
}

/** HMAC-SHA256 of `data` with a key the caller holds, as base64url or hex. */
export type Hmac = (data: string) => string;

export type TokenRejection = 'malformed' | 'badSignature' | 'expired' | 'wrongGate' | 'unsupportedVersion';
export type VerifyTokenResult = { readonly ok: true; readonly claims: ApprovalTokenClaims } | { readonly ok: false; readonly reason: TokenRejection };

/** Longest token accepted (a real one is ~300 characters). */
export const MAX_TOKEN_LENGTH = 2_048;
const PART = /^[A-Za-z0-9_-]+$/;
const KEYS = ['v', 'fleetId', 'runName', 'gateId', 'requestId', 'exp'] as const;

/**
 * `<payload>.<signature>`: payload = base64url(canonical JSON of the claims, keys in the order of
 * ApprovalTokenClaims), signature = signer.sign(payload) (HMAC-SHA256 with the token key, base64url). Both parts are
 * URL-safe (no padding), fit in a path segment.
 */
export function signToken(claims: ApprovalTokenClaims, signer: TokenSigner): string {
  const payload = signer.encodeBase64Url(canonicalClaims(claims));
  return `${payload}.${signer.sign(payload)}`;
}

/**
 * Verifies a token in this order, so nothing unsigned is ever parsed: shape (two URL-safe parts, no padding,
 * ≤ MAX_TOKEN_LENGTH) → malformed; signature, compared in constant time → badSignature; payload is canonical
 * JSON with exactly the claim keys → malformed; `v` → unsupportedVersion; `exp <= now` → expired; when
 * `expected` is given, its fleetId (case-insensitive, ARM ids are), runName, gateId and requestId → wrongGate.
 */
export function verifyToken(
  token: string,
  signer: TokenSigner,
  now: string,
  expected?: GateRef & { readonly requestId?: string },
): VerifyTokenResult {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return reject('malformed');
  const parts = token.split('.');
  const [payload, signature] = parts;
  if (parts.length !== 2 || payload === undefined || signature === undefined || !PART.test(payload) || !PART.test(signature)) {
    return reject('malformed');
  }
  if (!signer.constantTimeEqual(signer.sign(payload), signature)) return reject('badSignature');
  const json = signer.decodeBase64Url(payload);
  const parsed = json === undefined ? undefined : parseJson(json);
  if (json === undefined || parsed === undefined || typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return reject('malformed');
  const fields = parsed as Record<string, unknown>;
  if (fields.v !== 1) return reject(fields.v === undefined ? 'malformed' : 'unsupportedVersion');
  const claims = asClaims(fields);
  if (claims === undefined || canonicalClaims(claims) !== json) return reject('malformed');
  // Written so that an unparsable `now` (NaN) counts as expired.
  if (!(claims.exp > Math.floor(Date.parse(now) / 1000))) return reject('expired');
  if (expected !== undefined && !matches(claims, expected)) return reject('wrongGate');
  return { ok: true, claims };
}

/** The canonical serialization that is signed: fixed key order, no whitespace. */
export function canonicalClaims(claims: ApprovalTokenClaims): string {
  return JSON.stringify({ v: claims.v, fleetId: claims.fleetId, runName: claims.runName, gateId: claims.gateId, requestId: claims.requestId, exp: claims.exp });
}

function asClaims(fields: Record<string, unknown>): ApprovalTokenClaims | undefined {
  if (Object.keys(fields).length !== KEYS.length || !KEYS.every((key) => key in fields)) return undefined;
  const { fleetId, runName, gateId, requestId, exp } = fields;
  if (typeof fleetId !== 'string' || typeof runName !== 'string' || typeof gateId !== 'string' || typeof requestId !== 'string') return undefined;
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp) || exp <= 0) return undefined;
  return { v: 1, fleetId, runName, gateId, requestId, exp };
}

function matches(claims: ApprovalTokenClaims, expected: GateRef & { readonly requestId?: string }): boolean {
  return (
    claims.fleetId.toLowerCase() === expected.fleetId.toLowerCase() &&
    claims.runName === expected.runName &&
    claims.gateId.toLowerCase() === expected.gateId.toLowerCase() &&
    (expected.requestId === undefined || claims.requestId === expected.requestId)
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function reject(reason: TokenRejection): VerifyTokenResult {
  return { ok: false, reason };
}
