import { describe, expect, it } from 'vitest';
import { decideByLink } from '../../../../src/app/approvals/decideByLink';
import { approvalHistory } from '../../../../src/app/history/approvalHistory';
import { reconcileGate } from '../../../../src/app/gates/reconcileGate';
import { alice, awaitingApproval, bob, FLEET_ID, GATE, ref, RUN, world } from '../../../support/approvalWorld';

const gatesOf = async (w: ReturnType<typeof world>) => w.gates.listRunGates(FLEET_ID, RUN);

describe('approvalHistory (run detail and run page)', () => {
  it('lists the request (policy, channels, who was asked, expiry) and each decision; the pending link only for operators', async () => {
    const w = world({ quorum: 2 });
    const token = await awaitingApproval(w);
    const now = w.clock.nowIso();
    const [pending] = await approvalHistory(w.deps.approvals, await gatesOf(w), { includeLinks: true, now });
    expect(pending).toMatchObject({ gateId: GATE, policyId: 'canary-health', channels: expect.arrayContaining(['teams', 'webhook']), asked: { quorum: 2 }, decisions: [] });
    expect(pending?.outcome).toBeUndefined();
    expect(pending?.link).toBe(`https://conductor.example/api/approvals/${token}`);
    const [forViewer] = await approvalHistory(w.deps.approvals, await gatesOf(w), { includeLinks: false, now });
    expect(forViewer).not.toHaveProperty('link');

    expect(await decideByLink(w.deps, { token, principal: alice, decision: 'approve', comment: 'checks look fine', formToken: null })).toMatchObject({ kind: 'decided' });
    expect(await decideByLink(w.deps, { token, principal: bob, decision: 'reject', comment: 'error rate up', formToken: null })).toMatchObject({ kind: 'decided' });
    await reconcileGate(w.deps, ref);
    const [decided] = await approvalHistory(w.deps.approvals, await gatesOf(w), { includeLinks: true, now: w.clock.nowIso() });
    expect(decided).toMatchObject({ outcome: 'rejected', closedAt: expect.any(String) });
    expect(decided?.decisions.map((d) => [d.by, d.decision, d.comment, typeof d.evidenceVersion])).toEqual([
      ['alice@contoso.com', 'approve', 'checks look fine', 'number'],
      ['Bob@Contoso.com', 'reject', 'error rate up', 'number'],
    ]);
    expect(decided).not.toHaveProperty('link'); // decided: nothing left to approve
  });

  it('is empty without approvals wired or for gates without an approval policy', async () => {
    const w = world();
    await awaitingApproval(w);
    expect(await approvalHistory(undefined, await gatesOf(w), { includeLinks: true, now: w.clock.nowIso() })).toEqual([]);
  });
});
