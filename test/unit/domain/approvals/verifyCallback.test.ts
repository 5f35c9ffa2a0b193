import { describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signedHeaders, verifyCallback } from '../../../../src/domain/approvals/verifyCallback';
import { parseCallbackDecision } from '../../../../src/domain/approvals/callbackDecision';
import { ALICE_OID, FLEET, GATE, GATE_ID, T0, at, hmacHex } from './approvalBuilders';

const SECRET = hmacHex('webhook-secret-from-key-vault');
const NOW_S = Date.parse(T0) / 1000;
const DECISION = {
  v: 1,
  id: 'snow-CHG0042:1',
  requestId: 'req-1',
  gate: GATE,
  decision: 'approve',
  approver: { name: 'carol@contoso.com', objectId: 'c0000000-0000-4000-8000-000000000003', groups: ['aaaaaaaa-0000-4000-8000-000000000001'] },
  comment: 'CAB approved',
  evidenceVersion: 7,
} as const;
const BODY = JSON.stringify(DECISION);

function signed(body: string, timestamp: number = NOW_S, hmac = SECRET) {
  const headers = signedHeaders(body, timestamp, hmac);
  return { body, timestampHeader: headers[TIMESTAMP_HEADER], signatureHeader: headers[SIGNATURE_HEADER] };
}

describe('verifyCallback', () => {
  it('accepts a correctly signed, fresh, unseen decision', () => {
    const request = signed(BODY);

    expect(request.signatureHeader).toBe(`sha256=${SECRET(`${NOW_S}.${BODY}`)}`);
    expect(verifyCallback(request, SECRET, at(0), 300, () => false)).toEqual({ ok: true, decision: DECISION });
  });

  it.each([
    { name: 'signed 300 s ago (edge of the window)', timestamp: NOW_S - 300 },
    { name: 'clock 300 s ahead (edge of the window)', timestamp: NOW_S + 300 },
  ])('accepts a timestamp $name', ({ timestamp }) => {
    expect(verifyCallback(signed(BODY, timestamp), SECRET, at(0))).toMatchObject({ ok: true });
  });

  it('accepts an upper-case hex signature and a minimal body (no comment, objectId, groups or evidence version)', () => {
    const minimal = JSON.stringify({ v: 1, id: 'x', requestId: 'req-1', gate: GATE, decision: 'reject', approver: { name: 'bob@contoso.com' } });
    const request = signed(minimal);

    expect(verifyCallback({ ...request, signatureHeader: request.signatureHeader.toUpperCase().replace('SHA256=', 'sha256=') }, SECRET, at(0))).toEqual({
      ok: true,
      decision: { v: 1, id: 'x', requestId: 'req-1', gate: GATE, decision: 'reject', approver: { name: 'bob@contoso.com', groups: [] } },
    });
  });

  // Forged, replayed and broken callbacks: every one rejected with its reason (→ 4xx, no state change).
  const good = signed(BODY);
  const reSigned = (body: string) => signed(body);
  it.each([
    { name: 'no timestamp header', request: { ...good, timestampHeader: undefined }, reason: 'missingHeaders' },
    { name: 'no signature header', request: { ...good, signatureHeader: null }, reason: 'missingHeaders' },
    { name: 'empty signature header', request: { ...good, signatureHeader: '' }, reason: 'missingHeaders' },
    { name: 'timestamp as an ISO date', request: { ...good, timestampHeader: T0 }, reason: 'malformedTimestamp' },
    { name: 'negative timestamp', request: { ...good, timestampHeader: '-1' }, reason: 'malformedTimestamp' },
    { name: 'signature without the sha256= prefix', request: { ...good, signatureHeader: good.signatureHeader.slice(7) }, reason: 'malformedSignature' },
    { name: 'sha1 signature', request: { ...good, signatureHeader: good.signatureHeader.replace('sha256', 'sha1') }, reason: 'malformedSignature' },
    { name: 'truncated signature', request: { ...good, signatureHeader: good.signatureHeader.slice(0, -2) }, reason: 'malformedSignature' },
    { name: 'signature with extra padding', request: { ...good, signatureHeader: `${good.signatureHeader}=` }, reason: 'malformedSignature' },
    { name: 'bad signature (one hex digit changed)', request: { ...good, signatureHeader: good.signatureHeader.slice(0, -1) + (good.signatureHeader.endsWith('0') ? '1' : '0') }, reason: 'badSignature' },
    { name: 'signed with another secret', request: signed(BODY, NOW_S, hmacHex('guessed')), reason: 'badSignature' },
    { name: 'body altered after signing (decision flipped)', request: { ...good, body: BODY.replace('"approve"', '"reject"') }, reason: 'badSignature' },
    { name: 'altered gate id after signing', request: { ...good, body: BODY.replace(GATE.gateId, '99999999-910a-bcde-f000-000000000000') }, reason: 'badSignature' },
    { name: 'wrong approver after signing', request: { ...good, body: BODY.replace('carol@', 'mallory@') }, reason: 'badSignature' },
    { name: 'timestamp moved into the window, old signature kept', request: { ...signed(BODY, NOW_S - 3_600), timestampHeader: String(NOW_S) }, reason: 'badSignature' },
    { name: 'truncated body', request: { ...good, body: BODY.slice(0, -1) }, reason: 'badSignature' },
    { name: 'stale (captured 301 s ago and replayed)', request: signed(BODY, NOW_S - 301), reason: 'staleTimestamp' },
    { name: 'from the future (301 s ahead)', request: signed(BODY, NOW_S + 301), reason: 'staleTimestamp' },
    { name: 'malformed JSON body, correctly signed', request: reSigned('{"v":1,'), reason: 'malformedBody' },
    { name: 'wrong version', request: reSigned(JSON.stringify({ ...DECISION, v: 2 })), reason: 'malformedBody' },
    { name: 'unknown decision', request: reSigned(JSON.stringify({ ...DECISION, decision: 'maybe' })), reason: 'malformedBody' },
    { name: 'unknown top-level key', request: reSigned(JSON.stringify({ ...DECISION, force: true })), reason: 'malformedBody' },
    { name: 'approver without a name', request: reSigned(JSON.stringify({ ...DECISION, approver: { objectId: 'x' } })), reason: 'malformedBody' },
    { name: 'gate with an extra key', request: reSigned(JSON.stringify({ ...DECISION, gate: { ...GATE, stage: 'x' } })), reason: 'malformedBody' },
    { name: 'decision id with a space', request: reSigned(JSON.stringify({ ...DECISION, id: 'a b' })), reason: 'malformedBody' },
    { name: 'control characters in the comment', request: reSigned(JSON.stringify({ ...DECISION, comment: 'ok\u0007' })), reason: 'malformedBody' },
    { name: 'body over 16 KB', request: reSigned(JSON.stringify({ ...DECISION, comment: 'x'.repeat(17_000) })), reason: 'malformedBody' },
    { name: 'replayed decision id (inside the window)', request: good, seen: true, reason: 'replayed' },
  ])('rejects $name: $reason', ({ request, seen, reason }) => {
    expect(verifyCallback(request, SECRET, at(0), 300, (id) => seen === true && id === DECISION.id)).toEqual({ ok: false, reason });
  });

  it('honours a custom replay window', () => {
    expect(verifyCallback(signed(BODY, NOW_S - 120), SECRET, at(0), 60)).toEqual({ ok: false, reason: 'staleTimestamp' });
  });
});

describe('parseCallbackDecision', () => {
  it.each([
    { name: 'null', body: 'null' },
    { name: 'an array', body: '[]' },
    { name: 'a negative evidence version', body: JSON.stringify({ ...DECISION, evidenceVersion: -1 }) },
    { name: 'groups that are not strings', body: JSON.stringify({ ...DECISION, approver: { name: 'a', groups: [1] } }) },
    { name: 'an empty request id', body: JSON.stringify({ ...DECISION, requestId: '' }) },
  ])('refuses $name', ({ body }) => {
    expect(parseCallbackDecision(body)).toBeUndefined();
  });
});

describe('parseCallbackDecision checks ids at the edge', () => {
  it.each([
    ['a gate id that is not a GUID', { gateId: '..' }],
    ['a fleet id that is not an ARM fleet id', { fleetId: '/subscriptions/x/../fleets/f' }],
  ])('refuses %s', (_name, gate) => {
    const body = { v: 1, id: 'd-1', requestId: 'r', gate: { fleetId: FLEET, runName: 'run', gateId: GATE_ID, ...gate }, decision: 'approve', approver: { name: 'alice@contoso.com', objectId: ALICE_OID } };
    expect(parseCallbackDecision(JSON.stringify(body))).toBeUndefined();
    expect(parseCallbackDecision(JSON.stringify({ ...body, gate: { fleetId: FLEET, runName: 'run', gateId: GATE_ID } }))).toBeDefined();
  });
});
