import { describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../src/domain/history/runSnapshot';
import { InvalidContinuationTokenError, type RunHistoryStore } from '../../src/ports';

export const aRun = (fleet: string, run: string, createdAt: string, state = 'Completed'): RunSnapshot => ({
  fleetName: fleet,
  fleetId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/${fleet}`,
  runName: run,
  state,
  createdAt,
  observedAt: createdAt,
  createdBy: 'fleet-conductor',
  target: { kind: 'kubernetes', version: '1.33.4' },
  stages: [{ name: 'dev', state, groups: [{ name: 'dev', state, members: [{ name: 'm1', state }], gates: [] }], gates: [] }],
});

/** The behaviour every RunHistoryStore must have (in-memory twin and Table Storage alike). */
export function runHistoryContract(name: string, make: () => Promise<RunHistoryStore>): void {
  describe(`${name} (RunHistoryStore contract)`, () => {
    const seed = async (store: RunHistoryStore): Promise<void> => {
      for (let i = 0; i < 5; i++) await store.upsertRun(aRun('fleet-a', `run-a${i}`, `2026-11-2${i}T10:00:00.000Z`, i % 2 === 0 ? 'Completed' : 'Failed'));
      for (let i = 0; i < 3; i++) await store.upsertRun(aRun('fleet-b', `run-b${i}`, `2026-11-2${i}T12:00:00.000Z`));
    };

    it("lists a fleet's runs newest first, across pages, each run once", async () => {
      const store = await make();
      await seed(store);
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await store.listRuns({ fleet: 'fleet-a', limit: 2, ...(token ? { continuationToken: token } : {}) });
        seen.push(...page.items.map((r) => r.runName));
        token = page.continuationToken;
        pages++;
      } while (token && pages < 10);
      expect(seen).toEqual(['run-a4', 'run-a3', 'run-a2', 'run-a1', 'run-a0']);
      expect(pages).toBeGreaterThanOrEqual(3);
    });

    it('lists all fleets newest first, and filters by state and since', async () => {
      const store = await make();
      await seed(store);
      expect((await store.listRuns({ limit: 4 })).items.map((r) => r.runName)).toEqual(['run-a4', 'run-a3', 'run-b2', 'run-a2']);
      const failed = await store.listRuns({ fleet: 'fleet-a', state: 'Failed', limit: 50 });
      expect(failed.items.map((r) => r.runName)).toEqual(['run-a3', 'run-a1']);
      const recent = await store.listRuns({ since: '2026-11-22T11:00:00.000Z', limit: 50 });
      expect(recent.items.map((r) => r.runName)).toEqual(['run-a4', 'run-a3', 'run-b2']);
    });

    it('replaces a run on a new observation and reads it back whole', async () => {
      const store = await make();
      await store.upsertRun(aRun('fleet-a', 'run-x', '2026-11-21T10:00:00.000Z', 'Running'));
      await store.upsertRun({ ...aRun('fleet-a', 'run-x', '2026-11-21T10:00:00.000Z', 'Completed'), observedAt: '2026-11-21T11:00:00.000Z' });
      expect(await store.getRun('FLEET-A', 'run-x')).toEqual({ ...aRun('fleet-a', 'run-x', '2026-11-21T10:00:00.000Z', 'Completed'), observedAt: '2026-11-21T11:00:00.000Z' });
      expect((await store.listRuns({ fleet: 'fleet-a', limit: 10 })).items).toHaveLength(1);
      expect(await store.getRun('fleet-a', 'nope')).toBeUndefined();
    });

    it("lists a fleet's unfinished runs, and forgets a run once it finished (in one upsertRuns as well)", async () => {
      const store = await make();
      await seed(store);
      expect(await store.listActiveRunNames('fleet-a')).toEqual([]);
      await store.upsertRun(aRun('fleet-a', 'run-r', '2026-11-28T10:00:00.000Z', 'Running'));
      await store.upsertRuns([aRun('fleet-a', 'run-p', '2026-11-28T11:00:00.000Z', 'Pending'), aRun('fleet-b', 'run-n', '2026-11-28T11:00:00.000Z', 'NotStarted')]);
      expect(await store.listActiveRunNames('FLEET-A')).toEqual(['run-p', 'run-r']);
      await store.upsertRuns([aRun('fleet-a', 'run-r', '2026-11-28T10:00:00.000Z', 'Completed'), aRun('fleet-a', 'run-p', '2026-11-28T11:00:00.000Z', 'Stopping')]);
      expect(await store.listActiveRunNames('fleet-a')).toEqual(['run-p']);
      await store.upsertRun(aRun('fleet-a', 'run-p', '2026-11-28T11:00:00.000Z', 'Stopped'));
      expect(await store.listActiveRunNames('fleet-a')).toEqual([]);
      expect(await store.listActiveRunNames('fleet-b')).toEqual(['run-n']);
    });

    it('writes many runs at once (more than one transaction per partition) with the same result', async () => {
      const store = await make();
      const runs = Array.from({ length: 130 }, (_, i) => aRun('fleet-c', `run-${String(i).padStart(3, '0')}`, new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString()));
      await store.upsertRuns([...runs, { ...runs[0]!, state: 'Failed' }]);
      const page = await store.listRuns({ fleet: 'fleet-c', limit: 200 });
      expect(page.items).toHaveLength(130);
      expect(page.items[0]?.runName).toBe('run-129');
      expect((await store.getRun('fleet-c', 'run-000'))?.state).toBe('Failed');
    });

    it('refuses a tampered token, and a token from another query', async () => {
      const store = await make();
      await seed(store);
      const first = await store.listRuns({ fleet: 'fleet-a', limit: 2 });
      await expect(store.listRuns({ fleet: 'fleet-a', limit: 2, continuationToken: 'garbage' })).rejects.toBeInstanceOf(InvalidContinuationTokenError);
      await expect(store.listRuns({ fleet: 'fleet-b', limit: 2, continuationToken: first.continuationToken })).rejects.toBeInstanceOf(InvalidContinuationTokenError);
    });
  });
}
