import { describe, expect, it } from 'vitest';
import { ConcurrencyError, type FleetReleaseEvaluation, type ReleaseStore, type RunRecord } from '../../src/ports';

const FLEET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-fleet-demo/providers/Microsoft.ContainerService/fleets/fleet-demo';
const OTHER_FLEET = FLEET.replace('fleet-demo', 'fleet-other');

function aRunRecord(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    fleetId: FLEET,
    target: { kind: 'kubernetes', version: '1.33.4' },
    runName: 'k8s-1-33-4',
    mode: 'explicit',
    state: 'Claimed',
    trigger: { kind: 'event', eventIds: ['evt-1'] },
    explanation: [{ code: 'Soaking', message: '1.34.1 has been seen in eastus for 2 of 48 hours.', version: '1.34.1', regions: ['eastus'] }],
    createdAt: '2026-11-21T10:00:00.000Z',
    createdBy: 'onAksEvent',
    ...overrides,
  };
}

const anEvaluation = (overrides: Partial<FleetReleaseEvaluation> = {}): FleetReleaseEvaluation => ({
  fleetId: FLEET,
  evaluatedAt: '2026-11-21T10:00:00.000Z',
  outcome: 'Waiting',
  reasons: [{ code: 'NotInAllRegions', message: '1.33.4 is not yet published in australiaeast.', version: '1.33.4', regions: ['australiaeast'] }],
  warnings: [],
  ...overrides,
});

/** The behaviour every ReleaseStore must have (the in-memory twin and Table Storage alike). */
export function releaseStoreContract(name: string, make: () => Promise<ReleaseStore>): void {
  describe(`${name} (release store contract)`, () => {
    describe('first seen', () => {
      it('keeps the first time a (region, version) was seen', async () => {
        const store = await make();
        await store.recordFirstSeen([{ region: 'eastus', version: '1.33.4', firstSeenAt: '2026-11-21T08:10:00.000Z' }]);
        await store.recordFirstSeen([
          { region: 'eastus', version: '1.33.4', firstSeenAt: '2026-11-21T09:00:00.000Z' },
          { region: 'westeurope', version: '1.33.4', firstSeenAt: '2026-11-21T09:00:00.000Z' },
          { region: 'eastus', version: '202611.14.0', firstSeenAt: '2026-11-21T09:00:00.000Z' },
        ]);
        expect(await store.listFirstSeen(['eastus', 'westeurope'])).toEqual([
          { region: 'eastus', version: '1.33.4', firstSeenAt: '2026-11-21T08:10:00.000Z' },
          { region: 'eastus', version: '202611.14.0', firstSeenAt: '2026-11-21T09:00:00.000Z' },
          { region: 'westeurope', version: '1.33.4', firstSeenAt: '2026-11-21T09:00:00.000Z' },
        ]);
      });

      it('treats region names case- and space-insensitively and answers with the canonical key', async () => {
        const store = await make();
        await store.recordFirstSeen([{ region: 'East US', version: '1.33.4', firstSeenAt: '2026-11-21T08:10:00.000Z' }]);
        await store.recordFirstSeen([{ region: 'eastus', version: '1.33.4', firstSeenAt: '2026-11-21T09:00:00.000Z' }]);
        const expected = [{ region: 'eastus', version: '1.33.4', firstSeenAt: '2026-11-21T08:10:00.000Z' }];
        expect(await store.listFirstSeen(['eastus'])).toEqual(expected);
        expect(await store.listFirstSeen(['EastUS', 'East US'])).toEqual(expected);
      });

      it('lists only the regions asked for; nothing for none', async () => {
        const store = await make();
        await store.recordFirstSeen([
          { region: 'eastus', version: '1.33.4', firstSeenAt: '2026-11-21T08:10:00.000Z' },
          { region: 'australiaeast', version: '1.33.4', firstSeenAt: '2026-11-21T14:00:00.000Z' },
        ]);
        expect((await store.listFirstSeen(['australiaeast'])).map((f) => f.region)).toEqual(['australiaeast']);
        expect(await store.listFirstSeen([])).toEqual([]);
        expect(await store.listFirstSeen(['westeurope'])).toEqual([]);
      });

      it('keeps exactly one time when two pollers record the same version at once', async () => {
        const store = await make();
        const times = ['2026-11-21T08:10:00.000Z', '2026-11-21T08:10:01.000Z'];
        await Promise.all(times.map((firstSeenAt) => store.recordFirstSeen([{ region: 'eastus', version: '1.33.4', firstSeenAt }])));
        const seen = await store.listFirstSeen(['eastus']);
        expect(seen).toHaveLength(1);
        expect(times).toContain(seen[0]?.firstSeenAt);
      });
    });

    describe('run records', () => {
      it('lets exactly one of two concurrent claims of a (fleet, target) win; the loser gets the winner’s record', async () => {
        const store = await make();
        const [a, b] = await Promise.all([store.claimRun(aRunRecord({ createdBy: 'event' })), store.claimRun(aRunRecord({ createdBy: 'poll' }))]);
        expect([a.claimed, b.claimed].sort()).toEqual([false, true]);
        const winner = a.claimed ? a : b;
        const loser = a.claimed ? b : a;
        expect(loser.record).toEqual(winner.record);
        expect((await store.listRunRecords(FLEET)).map((r) => r.createdBy)).toEqual([winner.record.createdBy]);
      });

      it('claims Kubernetes and node image targets, and other fleets, independently', async () => {
        const store = await make();
        expect((await store.claimRun(aRunRecord())).claimed).toBe(true);
        expect((await store.claimRun(aRunRecord({ target: { kind: 'nodeimage', version: '1.33.4' }, runName: 'nodeimage-x' }))).claimed).toBe(true);
        expect((await store.claimRun(aRunRecord({ fleetId: OTHER_FLEET }))).claimed).toBe(true);
        expect((await store.claimRun(aRunRecord({ fleetId: FLEET.toUpperCase() }))).claimed).toBe(false);
      });

      it('updates with the current etag and refuses a stale one', async () => {
        const store = await make();
        const { record: claimed } = await store.claimRun(aRunRecord());
        const created = await store.updateRunRecord({ ...aRunRecord(), state: 'Created' }, claimed.etag);
        expect(created.etag).not.toBe(claimed.etag);
        await expect(store.updateRunRecord({ ...aRunRecord(), state: 'Started' }, claimed.etag)).rejects.toBeInstanceOf(ConcurrencyError);
        const started = await store.updateRunRecord({ ...aRunRecord(), state: 'Started' }, created.etag);
        const [stored] = await store.listRunRecords(FLEET);
        expect(stored).toEqual({ ...aRunRecord(), state: 'Started', etag: started.etag });
      });

      it('refuses to update a record nobody claimed', async () => {
        const store = await make();
        const { record } = await store.claimRun(aRunRecord());
        await expect(store.updateRunRecord(aRunRecord({ target: { kind: 'kubernetes', version: '1.33.5' } }), record.etag)).rejects.toBeInstanceOf(ConcurrencyError);
      });

      it('lists one fleet’s records newest first, whatever the casing of the fleet id', async () => {
        const store = await make();
        await store.claimRun(aRunRecord({ target: { kind: 'kubernetes', version: '1.33.2' }, runName: 'k8s-1-33-2', createdAt: '2026-11-20T10:00:00.000Z' }));
        await store.claimRun(aRunRecord());
        await store.claimRun(aRunRecord({ fleetId: OTHER_FLEET }));
        const listed = await store.listRunRecords(FLEET.toLowerCase());
        expect(listed.map((r) => r.runName)).toEqual(['k8s-1-33-4', 'k8s-1-33-2']);
        expect(listed[0]).toMatchObject(aRunRecord());
      });

      it('finds a record by run name, as of its last write under that name (a catch-up keeps the earlier run’s copy)', async () => {
        const store = await make();
        expect(await store.getRunRecord(FLEET, 'k8s-1-33-4')).toBeUndefined();
        const { record } = await store.claimRun(aRunRecord());
        const started = await store.updateRunRecord({ ...aRunRecord(), state: 'Started' }, record.etag);
        expect(await store.getRunRecord(FLEET.toUpperCase(), 'K8S-1-33-4')).toEqual({ ...aRunRecord(), state: 'Started' });
        await store.updateRunRecord({ ...aRunRecord(), runName: 'k8s-1-33-4-r2', attempt: 2, state: 'Claimed' }, started.etag);
        expect((await store.getRunRecord(FLEET, 'k8s-1-33-4'))?.state).toBe('Started');
        expect((await store.getRunRecord(FLEET, 'k8s-1-33-4-r2'))?.attempt).toBe(2);
        expect(await store.getRunRecord(OTHER_FLEET, 'k8s-1-33-4')).toBeUndefined();
        expect((await store.listRunRecords(FLEET)).map((r) => r.runName)).toEqual(['k8s-1-33-4-r2']);
      });
    });

    describe('evaluations', () => {
      it('round-trips the latest evaluation of a fleet and replaces it wholesale', async () => {
        const store = await make();
        expect(await store.getEvaluation(FLEET)).toBeUndefined();
        await store.putEvaluation(anEvaluation({ warnings: [{ code: 'MemberAutoUpgradeOn', message: 'dev-eastus-1 keeps patch.', member: 'dev-eastus-1' }] }));
        const next = anEvaluation({ evaluatedAt: '2026-11-21T11:00:00.000Z', outcome: 'Created', target: { kind: 'kubernetes', version: '1.33.4' }, runName: 'k8s-1-33-4', reasons: [] });
        await store.putEvaluation(next);
        expect(await store.getEvaluation(FLEET.toUpperCase())).toEqual(next);
        expect(await store.getEvaluation(OTHER_FLEET)).toBeUndefined();
      });

      it('keeps a fleet pause apart from its evaluation until it is cleared; clearing twice is fine', async () => {
        const store = await make();
        expect(await store.getPause(FLEET)).toBeUndefined();
        const pause = { fleetId: FLEET, at: '2026-11-21T10:00:00.000Z', by: 'ops@contoso.com', reason: 'incident 42' };
        await store.putPause(FLEET, pause);
        await store.putEvaluation(anEvaluation());
        expect(await store.getPause(FLEET.toUpperCase())).toEqual(pause);
        expect(await store.getPause(OTHER_FLEET)).toBeUndefined();
        expect(await store.getEvaluation(FLEET)).toEqual(anEvaluation());
        await store.putPause(FLEET, undefined);
        await store.putPause(FLEET, undefined);
        expect(await store.getPause(FLEET)).toBeUndefined();
      });
    });
  });
}
