import { describe, expect, it } from 'vitest';
import { canonicalClaims, signToken, verifyToken, type ApprovalTokenClaims } from '../../../../src/domain/approvals/approvalToken';
import { nodeTokenCodec } from '../../../../src/adapters/crypto/nodeTokenCodec';
import { FLEET, GATE, GATE_ID, T0, at, hmacBase64Url } from './approvalBuilders';

const KEY = hmacBase64Url('token-key-from-config');
const OTHER_KEY = hmacBase64Url('someone-elses-key');
const EXP = Date.parse(T0) / 1000 + 3_600;
const CLAIMS: ApprovalTokenClaims = { v: 1, ...GATE, requestId: 'req-1', exp: EXP };
const TOKEN = signToken(CLAIMS, KEY);
const [PAYLOAD = '', SIGNATURE = ''] = TOKEN.split('.');
const { decodeBase64Url, encodeBase64Url } = nodeTokenCodec;

/** A token whose payload is `json` verbatim, correctly signed with the real key (what a key holder could mint). */
function signedRaw(json: string): string {
  const payload = encodeBase64Url(json);
  return `${payload}.${KEY(payload)}`;
}
function flipLast(text: string): string {
  return text.slice(0, -1) + (text.endsWith('A') ? 'B' : 'A');
}

describe('signToken', () => {
  it('signs the canonical claims as <base64url payload>.<base64url signature>, URL-safe without padding', () => {
    expect(decodeBase64Url(PAYLOAD)).toBe(
      `{"v":1,"fleetId":"${FLEET}","runName":"k8s-1-33-4","gateId":"${GATE_ID}","requestId":"req-1","exp":${EXP}}`,
    );
    expect(SIGNATURE).toBe(KEY(PAYLOAD));
    expect(TOKEN).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('serializes claims in one canonical order whatever the object key order', () => {
    const shuffled = { exp: EXP, requestId: 'req-1', gateId: GATE_ID, runName: 'k8s-1-33-4', fleetId: FLEET, v: 1 } as const;

    expect(canonicalClaims(shuffled)).toBe(canonicalClaims(CLAIMS));
  });
});

describe('verifyToken', () => {
  it('accepts a genuine token for its gate before it expires', () => {
    expect(verifyToken(TOKEN, KEY, at(3_599), { ...GATE, requestId: 'req-1' })).toEqual({ ok: true, claims: CLAIMS });
    expect(verifyToken(TOKEN, KEY, at(0))).toEqual({ ok: true, claims: CLAIMS });
  });

  it('matches the fleet id case-insensitively (ARM ids are), as Fleet may report it in another case', () => {
    expect(verifyToken(TOKEN, KEY, at(0), { ...GATE, fleetId: FLEET.toUpperCase() })).toEqual({ ok: true, claims: CLAIMS });
  });

  // Forged, tampered, expired and foreign tokens: every one rejected with its reason (→ 4xx, no state change).
  it.each([
    { name: 'empty', token: '', reason: 'malformed' },
    { name: 'no signature part', token: PAYLOAD, reason: 'malformed' },
    { name: 'three parts', token: `${TOKEN}.extra`, reason: 'malformed' },
    { name: 'extra base64 padding on the signature', token: `${TOKEN}=`, reason: 'malformed' },
    { name: 'extra padding on the payload', token: `${PAYLOAD}==.${SIGNATURE}`, reason: 'malformed' },
    { name: 'standard base64 characters (+ /)', token: `${PAYLOAD}.${SIGNATURE.replace(/./, '+')}`, reason: 'malformed' },
    { name: 'whitespace around it', token: ` ${TOKEN}`, reason: 'malformed' },
    { name: 'far too long', token: `${'A'.repeat(3_000)}.${SIGNATURE}`, reason: 'malformed' },
    { name: 'truncated signature', token: TOKEN.slice(0, -5), reason: 'badSignature' },
    { name: 'truncated payload', token: `${PAYLOAD.slice(0, -4)}.${SIGNATURE}`, reason: 'badSignature' },
    { name: 'bad signature (last character changed)', token: flipLast(TOKEN), reason: 'badSignature' },
    { name: 'signature of another key (foreign token)', token: signToken(CLAIMS, OTHER_KEY), reason: 'badSignature' },
    { name: 'altered gate id, old signature kept', token: `${encodeBase64Url(canonicalClaims({ ...CLAIMS, gateId: '99999999-910a-bcde-f000-000000000000' }))}.${SIGNATURE}`, reason: 'badSignature' },
    { name: 'extended expiry, old signature kept', token: `${encodeBase64Url(canonicalClaims({ ...CLAIMS, exp: EXP + 86_400 }))}.${SIGNATURE}`, reason: 'badSignature' },
    { name: 'signed payload that is not base64url of UTF-8 JSON', token: `${'_w'}.${KEY('_w')}`, reason: 'malformed' },
    { name: 'signed payload that is not JSON', token: signedRaw('not json'), reason: 'malformed' },
    { name: 'signed JSON array', token: signedRaw('[1]'), reason: 'malformed' },
    { name: 'signed claims with an extra key', token: signedRaw(canonicalClaims(CLAIMS).replace('}', ',"admin":true}')), reason: 'malformed' },
    { name: 'signed claims with a missing key', token: signedRaw(canonicalClaims(CLAIMS).replace(/,"requestId":"req-1"/, '')), reason: 'malformed' },
    { name: 'signed claims, non-canonical key order', token: signedRaw(JSON.stringify({ ...CLAIMS, v: undefined, exp: EXP, vv: 1 }).replace('"vv"', '"v"')), reason: 'malformed' },
    { name: 'signed claims with whitespace', token: signedRaw(JSON.stringify(CLAIMS, null, 1)), reason: 'malformed' },
    { name: 'signed claims with exp as a string', token: signedRaw(canonicalClaims(CLAIMS).replace(`${EXP}`, `"${EXP}"`)), reason: 'malformed' },
    { name: 'signed claims without a version', token: signedRaw(canonicalClaims(CLAIMS).replace('"v":1,', '')), reason: 'malformed' },
    { name: 'wrong version (v 2)', token: signedRaw(canonicalClaims(CLAIMS).replace('"v":1', '"v":2')), reason: 'unsupportedVersion' },
    { name: 'wrong version ("1" as a string)', token: signedRaw(canonicalClaims(CLAIMS).replace('"v":1', '"v":"1"')), reason: 'unsupportedVersion' },
    { name: 'expired (exp == now)', token: TOKEN, now: at(3_600), reason: 'expired' },
    { name: 'expired (long ago)', token: TOKEN, now: at(90_000), reason: 'expired' },
    { name: 'unparsable clock counts as expired', token: TOKEN, now: 'not a time', reason: 'expired' },
    { name: 'for another gate', token: signToken({ ...CLAIMS, gateId: '99999999-910a-bcde-f000-000000000000' }, KEY), reason: 'wrongGate' },
    { name: 'for another run', token: signToken({ ...CLAIMS, runName: 'k8s-1-34-0' }, KEY), reason: 'wrongGate' },
    { name: 'for another fleet', token: signToken({ ...CLAIMS, fleetId: `${FLEET}-2` }, KEY), reason: 'wrongGate' },
    { name: 'for an earlier request of the same gate (replayed)', token: signToken({ ...CLAIMS, requestId: 'req-0' }, KEY), reason: 'wrongGate' },
  ])('rejects $name: $reason', ({ token, now, reason }) => {
    expect(verifyToken(token, KEY, now ?? at(0), { ...GATE, requestId: 'req-1' })).toEqual({ ok: false, reason });
  });
});
