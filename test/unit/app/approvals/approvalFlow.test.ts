import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reconcileGate } from '../../../../src/app/gates/reconcileGate';
import { decideByLink } from '../../../../src/app/approvals/decideByLink';
import { getApprovalPage } from '../../../../src/app/approvals/getApprovalPage';
import { handleApprovalCallback } from '../../../../src/app/approvals/handleApprovalCallback';
import { APPROVAL_CHANNEL } from '../../../../src/app/approvals/approvalChannels';
import { signedHeaders } from '../../../../src/domain/approvals/verifyCallback';
import { signToken } from '../../../../src/domain/approvals/approvalToken';
import { HmacSigner } from '../../../../src/adapters/crypto/HmacSigner';
import { alice, awaitingApproval, bob, FLEET_ID, GATE, mallory, ref, RUN, world, type World } from '../../../support/approvalWorld';
import { linkSigner } from '../../../../src/app/approvals/tokenSigners';

const phase = async (w: World): Promise<string | undefined> => (await w.gates.getGate(FLEET_ID, GATE))?.state.phase.name;

function signedCallback(body: Record<string, unknown>, at: number, secret = 'hook-secret') {
  const raw = JSON.stringify(body);
  const headers = signedHeaders(raw, at, (data) => createHmac('sha256', secret).update(data).digest('hex'));
  return { body: raw, timestampHeader: headers['x-conductor-timestamp'], signatureHeader: headers['x-conductor-signature'] };
}

describe('approvals end to end (in memory)', () => {
  it('opens one ledger and queues one Teams card and one signed-webhook message, also when the journal is replayed', async () => {
    const w = world();
    const token = await awaitingApproval(w);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const messages = w.outbox.all().filter((m) => m.channel.startsWith('approvals.'));
    expect(messages.map((m) => m.channel).sort()).toEqual([APPROVAL_CHANNEL.teams, APPROVAL_CHANNEL.webhook]);
    // The outbox holds setting names, never the URL or the secret.
    expect(JSON.stringify(messages)).not.toContain('hook-secret');
    expect(JSON.stringify(messages)).not.toContain('teams.example');
    const ledger = (await w.store.getLedger(FLEET_ID, GATE))?.ledger;
    expect(ledger?.policy.quorum).toBe(2);
    await reconcileGate(w.deps, ref);
    expect(w.outbox.all().filter((m) => m.channel.startsWith('approvals.'))).toHaveLength(2);
  });

  it('quorum 2 needs two distinct approvers; the same approver twice counts once', async () => {
    const w = world();
    const token = await awaitingApproval(w);
    expect(await decideByLink(w.deps, { token, principal: alice, decision: 'approve', comment: 'checks look fine', formToken: null })).toMatchObject({ kind: 'decided', result: { kind: 'recorded' } });
    expect(await decideByLink(w.deps, { token, principal: { ...alice, name: 'ALICE@contoso.com' }, decision: 'approve', formToken: null })).toMatchObject({ result: { kind: 'duplicate' } });
    expect(await phase(w)).toBe('AwaitingApproval');
    expect(w.fleet.count('completeGate')).toBe(0);
    expect(await decideByLink(w.deps, { token, principal: bob, decision: 'approve', formToken: null })).toMatchObject({ result: { kind: 'recorded' }, ledger: { outcome: 'granted' } });
    expect(w.fleet.count('completeGate')).toBe(1);
    expect(await phase(w)).toBe('Approving');
    const trail = await w.audit.listAuditEvents(FLEET_ID, RUN);
    const decisions = trail.filter((e) => e.kind === 'ApprovalDecision');
    expect(decisions.map((e) => e.actor)).toEqual(['alice@contoso.com', 'Bob@Contoso.com']);
    expect(decisions[0]?.data).toMatchObject({
      comment: 'checks look fine',
      evidence: { version: expect.any(Number) as number, digest: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as string },
      evidenceShown: { checks: [expect.stringContaining('nodes') as string], clusters: [{ cluster: 'aks-canary-1', verdict: 'Successful' }] },
      via: { channel: 'landingPage' },
    });
    expect(trail.filter((e) => e.kind === 'ApprovalDecisionRefused').map((e) => (e.data as { result: string }).result)).toEqual(['duplicate']);
  });

  it('a decision survives Fleet failing at that moment: recorded at once, the gate is completed by the next reconcile', async () => {
    const w = world({ quorum: 1 });
    const token = await awaitingApproval(w);
    w.fleet.failNext('completeGate');
    expect(await decideByLink(w.deps, { token, principal: alice, decision: 'approve', formToken: null })).toMatchObject({ kind: 'decided', ledger: { outcome: 'granted' } });
    expect(w.fleet.count('completeGate')).toBe(1);
    expect((await w.gates.getGate(FLEET_ID, GATE))?.state.phase.name).not.toBe('Passed');
    await reconcileGate(w.deps, ref);
    expect(w.fleet.count('completeGate')).toBe(2);
    expect(['Approving', 'Passed']).toContain(await phase(w));
  });

  it('one reject stops the run with the reason', async () => {
    const w = world();
    const token = await awaitingApproval(w);
    await decideByLink(w.deps, { token, principal: bob, decision: 'reject', comment: 'error budget burnt', formToken: null });
    expect(await phase(w)).toBe('Rejected');
    expect(w.fleet.count('stopUpdateRun')).toBe(1);
    expect(w.fleet.count('completeGate')).toBe(0);
    const gate = await w.gates.getGate(FLEET_ID, GATE);
    expect(gate?.state.phase).toMatchObject({ by: 'Bob@Contoso.com', comment: 'Bob@Contoso.com: error budget burnt' });
  });

  it('reject with onReject skip skips the gated stage instead', async () => {
    const w = world({ onReject: 'skip' });
    const token = await awaitingApproval(w);
    await decideByLink(w.deps, { token, principal: alice, decision: 'reject', formToken: null });
    expect(w.fleet.count('skipUpdateRun')).toBe(1);
    expect(w.fleet.count('stopUpdateRun')).toBe(0);
  });

  it('expiry on the reconcile timer applies onExpire (stop), audited once; later decisions get expired', async () => {
    const w = world();
    const token = await awaitingApproval(w);
    w.clock.advance(30 * 60);
    await reconcileGate(w.deps, ref);
    expect(await phase(w)).toBe('AwaitingApproval');
    w.clock.advance(31 * 60);
    await reconcileGate(w.deps, ref);
    await reconcileGate(w.deps, ref);
    expect(await phase(w)).toBe('Expired');
    expect(w.fleet.count('stopUpdateRun')).toBe(1);
    expect((await w.audit.listAuditEvents(FLEET_ID, RUN)).filter((e) => e.kind === 'ApprovalExpired')).toHaveLength(1);
    // The link itself expired with the request.
    expect(await decideByLink(w.deps, { token, principal: alice, decision: 'approve', formToken: null })).toEqual({ kind: 'tokenRejected', reason: 'expired' });
  });

  it('expiry with onExpire hold keeps the gate held, never completed', async () => {
    const w = world({ onExpire: 'hold' });
    await awaitingApproval(w);
    w.clock.advance(61 * 60);
    await reconcileGate(w.deps, ref);
    expect(await phase(w)).toBe('Expired');
    expect(w.fleet.count('stopUpdateRun') + w.fleet.count('skipUpdateRun') + w.fleet.count('completeGate')).toBe(0);
  });

  it('refuses forged and foreign tokens and disallowed approvers without changing anything', async () => {
    const w = world();
    const token = await awaitingApproval(w);
    const before = await w.store.getLedger(FLEET_ID, GATE);
    const [payload, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const reencode = (c: Record<string, unknown>): string => Buffer.from(JSON.stringify(c)).toString('base64url');
    const otherKey = new HmacSigner(Buffer.alloc(32, 1).toString('base64'));
    const cases: [string, string, string][] = [
      ['bad signature', `${payload}.${signature.slice(0, -2)}AA`, 'badSignature'],
      ['altered gate id', `${reencode({ ...claims, gateId: '99999999-2222-3333-4444-555555555555' })}.${signature}`, 'badSignature'],
      ['foreign key', signToken(claims as never, linkSigner(otherKey)), 'badSignature'],
      ['malformed', 'not-a-token', 'malformed'],
    ];
    for (const [, forged, reason] of cases) {
      expect(await decideByLink(w.deps, { token: forged, principal: alice, decision: 'approve', formToken: null })).toEqual({ kind: 'tokenRejected', reason });
    }
    expect(await decideByLink(w.deps, { token, principal: mallory, decision: 'approve', formToken: null })).toMatchObject({ result: { kind: 'notAllowed' } });
    expect(await w.store.getLedger(FLEET_ID, GATE)).toEqual(before);
    expect(await phase(w)).toBe('AwaitingApproval');
  });

  it('shows the page for a valid token: gate, evidence, decisions so far and whether the principal may decide', async () => {
    const w = world();
    const token = await awaitingApproval(w);
    await decideByLink(w.deps, { token, principal: alice, decision: 'approve', formToken: null });
    const page = await getApprovalPage(w.deps, token, alice);
    expect(page).toMatchObject({ kind: 'page', view: { fleetName: 'fleet-1', allowed: true, yourDecision: { decision: 'approve' } } });
    if (page.kind !== 'page') throw new Error('no page');
    expect(page.view.clusters.map((c) => c.cluster)).toEqual(['aks-canary-1']);
    expect((await getApprovalPage(w.deps, token, mallory)).kind === 'page' && (await getApprovalPage(w.deps, token, mallory))).toMatchObject({ view: { allowed: false } });
  });

  it('accepts a signed callback once; replayed, stale, badly signed and malformed callbacks change nothing', async () => {
    const w = world({ quorum: 1 });
    await awaitingApproval(w);
    const ledger = (await w.store.getLedger(FLEET_ID, GATE))?.ledger;
    const now = Math.floor(w.clock.ms / 1000);
    const decision = { v: 1, id: 'cab-1', requestId: ledger?.requestId, gate: { fleetId: FLEET_ID, runName: RUN, gateId: GATE }, decision: 'approve', approver: { name: 'alice@contoso.com', objectId: 'a11ce000-0000-4000-8000-000000000001' }, comment: 'CAB ok' };
    const before = await w.store.getLedger(FLEET_ID, GATE);
    expect(await handleApprovalCallback(w.deps, signedCallback(decision, now, 'wrong-secret'))).toEqual({ kind: 'callbackRejected', reason: 'badSignature' });
    expect(await handleApprovalCallback(w.deps, signedCallback(decision, now - 3600))).toEqual({ kind: 'callbackRejected', reason: 'staleTimestamp' });
    expect(await handleApprovalCallback(w.deps, signedCallback({ ...decision, extra: 1 }, now))).toEqual({ kind: 'callbackRejected', reason: 'malformedBody' });
    expect(await handleApprovalCallback(w.deps, signedCallback({ ...decision, requestId: 'other' }, now))).toEqual({ kind: 'unknownRequest' });
    expect(await w.store.getLedger(FLEET_ID, GATE)).toEqual(before);
    expect(await handleApprovalCallback(w.deps, signedCallback(decision, now))).toMatchObject({ kind: 'decided', result: { kind: 'recorded' } });
    expect(await phase(w)).toBe('Approving');
    expect(await handleApprovalCallback(w.deps, signedCallback(decision, now + 1))).toEqual({ kind: 'callbackRejected', reason: 'replayed' });
    expect(w.fleet.count('completeGate')).toBe(1);
  });
});
