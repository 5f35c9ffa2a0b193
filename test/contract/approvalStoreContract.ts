import { describe, expect, it } from 'vitest';
import { ConcurrencyError, type ApprovalStore } from '../../src/ports';
import { openApprovalLedger, type ApprovalLedger } from '../../src/domain/approvals/approvalLedger';
import type { ApprovalPolicy } from '../../src/domain/approvals/approvalPolicy';
import { FLEET_ID } from './gateStateFixture';

const GATE_ID = '0f1e2d3c-4b5a-6978-8a9b-acbdcedf0011';

const policy: ApprovalPolicy = {
  approvers: { users: ['alice@contoso.com'], objectIds: [], groups: [] },
  quorum: 1,
  expiresAfterMinutes: 60,
  onExpire: 'hold',
  onReject: 'stop',
  requireChecksFirst: true,
  channels: { teams: { webhookUrlSetting: 'TEAMS_APPROVALS_URL' } },
};

/** A ledger built with the domain's constructor (plain JSON, as stored). */
export function aLedger(over: { gateId?: string; requestId?: string } = {}): ApprovalLedger {
  return openApprovalLedger({
    requestId: over.requestId ?? `${over.gateId ?? GATE_ID}/v4/1`,
    gate: { fleetId: FLEET_ID, runName: 'k8s-1-33-4', gateId: over.gateId ?? GATE_ID },
    policy,
    requestedAt: '2026-11-21T10:00:00.000Z',
    evidenceVersion: 4,
  });
}

/** The behaviour every ApprovalStore must have (the in-memory twin and Table Storage alike). */
export function approvalStoreContract(name: string, make: () => Promise<ApprovalStore>): void {
  describe(`${name} (approval store contract)`, () => {
    it('returns undefined for a gate without a ledger', async () => {
      const store = await make();
      expect(await store.getLedger(FLEET_ID, GATE_ID)).toBeUndefined();
    });

    it('round-trips a created ledger, finding it regardless of the id casing', async () => {
      const store = await make();
      const created = await store.createLedger(aLedger());
      expect(await store.getLedger(FLEET_ID.toUpperCase(), GATE_ID.toUpperCase())).toEqual({ ledger: aLedger(), etag: created.etag });
    });

    it('refuses to open a second ledger for the same gate', async () => {
      const store = await make();
      await store.createLedger(aLedger());
      await expect(store.createLedger(aLedger({ requestId: 'other' }))).rejects.toBeInstanceOf(ConcurrencyError);
    });

    it('replaces with the current etag and refuses a stale one (one of two racing deciders wins)', async () => {
      const store = await make();
      const created = await store.createLedger(aLedger());
      const decided: ApprovalLedger = {
        ...aLedger(),
        decisions: [{ by: { name: 'alice@contoso.com' }, decision: 'approve', at: '2026-11-21T10:01:00.000Z', evidenceVersion: 4 }],
        outcome: 'granted',
        closedAt: '2026-11-21T10:01:00.000Z',
      };
      const replaced = await store.replaceLedger(decided, created.etag);
      expect(replaced.etag).not.toBe(created.etag);
      await expect(store.replaceLedger(aLedger(), created.etag)).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await store.getLedger(FLEET_ID, GATE_ID))?.ledger).toEqual(decided);
    });

    it('keeps the ledgers of different gates apart', async () => {
      const store = await make();
      await store.createLedger(aLedger());
      await store.createLedger(aLedger({ gateId: '00000000-0000-0000-0000-0000000000b2' }));
      expect((await store.getLedger(FLEET_ID, '00000000-0000-0000-0000-0000000000b2'))?.ledger.requestId).toBe('00000000-0000-0000-0000-0000000000b2/v4/1');
    });

    it('remembers a callback id once: the second time is a replay (ids are case-sensitive)', async () => {
      const store = await make();
      expect(await store.rememberCallbackId('dec-1:a.b_c', '2026-11-21T10:00:00.000Z')).toBe(true);
      expect(await store.rememberCallbackId('dec-1:a.b_c', '2026-11-21T10:00:01.000Z')).toBe(false);
      expect(await store.rememberCallbackId('DEC-1:a.b_c', '2026-11-21T10:00:01.000Z')).toBe(true);
    });

    it('lets exactly one of two racing callbacks with the same id through', async () => {
      const store = await make();
      const results = await Promise.all([store.rememberCallbackId('race', '2026-11-21T10:00:00.000Z'), store.rememberCallbackId('race', '2026-11-21T10:00:00.000Z')]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
