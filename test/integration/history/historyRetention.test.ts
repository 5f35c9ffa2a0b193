import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { TableRunHistory } from '../../../src/adapters/tables/TableRunHistory';
import { RunHistoryRecorder } from '../../../src/app/history/RunHistoryRecorder';
import type { RunSnapshot } from '../../../src/domain/history/runSnapshot';
import { FakeFleetApi } from '../../support/fakes/FakeFleetApi';
import { InMemoryRunHistory } from '../../support/fakes/InMemoryRunHistory';
import { countingTables } from '../../support/countingTables';
import type { RunHistoryStore } from '../../../src/ports';

/**
 * Issue 14: history retention (HISTORY_RETENTION_DAYS, default 400) prunes in bounded batches from the reconcile
 * timer: each tick deletes at most one batch of finished runs older than the retention, in a number of Table
 * requests that depends on the batch, not on the history; unfinished runs stay. Time is a virtual clock.
 */
const DAY = 86_400_000;
const START = Date.parse('2025-01-01T00:00:00.000Z');

function aRun(fleet: string, day: number, state = 'Completed'): RunSnapshot {
  const createdAt = new Date(START + day * DAY).toISOString();
  return { fleetName: fleet, fleetId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/${fleet}`, runName: `run-${day}`, state, createdAt, observedAt: createdAt, createdBy: 'fleet-conductor', stages: [] };
}

/** 2 fleets × one run a day for 250 days, plus one unfinished run on day 0. */
async function seed(history: RunHistoryStore): Promise<void> {
  for (const fleet of ['fleet-a', 'fleet-b']) await history.upsertRuns(Array.from({ length: 250 }, (_, d) => aRun(fleet, d)));
  await history.upsertRun({ ...aRun('fleet-a', 0, 'Running'), runName: 'stuck' });
}

async function names(history: RunHistoryStore): Promise<string[]> {
  return (await history.listRuns({ limit: 1000 })).items.map((r) => `${r.fleetName}/${r.runName}`);
}

describe.each([
  { name: 'in memory', make: () => ({ history: new InMemoryRunHistory(), requests: undefined as string[] | undefined }) },
  {
    name: 'Table Storage',
    make: () => {
      const counting = countingTables(inject('azuriteConnectionString'), `r${randomUUID().replace(/-/g, '').slice(0, 12)}`);
      return { history: new TableRunHistory(counting.process()), requests: counting.requests };
    },
  },
])('history retention ($name)', ({ make }) => {
  it('prunes finished runs older than the retention, one bounded batch per tick, as the virtual clock moves', { timeout: 120_000 }, async () => {
    const { history, requests } = make();
    await seed(history);
    let now = START + 300 * DAY; // retention 200 days: days 0..99 have expired (100 per fleet)
    const recorder = new RunHistoryRecorder({ fleet: new FakeFleetApi(), history, clock: { nowIso: () => new Date(now).toISOString() } }, { retentionDays: 200, pruneBatch: 80 });
    const tick = async (): Promise<{ pruned: number; requests: number }> => {
      if (requests) requests.length = 0;
      const pruned = await recorder.prune();
      return { pruned, requests: requests?.length ?? 0 };
    };

    const first = await tick();
    expect(first.pruned).toBe(80);
    expect(await names(history)).toHaveLength(2 * 250 + 1 - 80);
    const second = await tick();
    expect(second.pruned).toBe(80);
    expect((await tick()).pruned).toBe(40);
    expect((await tick()).pruned).toBe(0);
    const left = await names(history);
    expect(left).toHaveLength(2 * 150 + 1);
    expect(left).toContain('fleet-a/stuck'); // unfinished: kept whatever its age
    expect(left).toContain('fleet-b/run-100');
    expect(left).not.toContain('fleet-b/run-99');

    now += 10 * DAY; // ten more days expire per fleet
    expect((await tick()).pruned).toBe(20);
    expect(await names(history)).toHaveLength(2 * 140 + 1);
    if (requests) {
      // One query, then transactions of up to 100 deletes: per fleet (2 rows a run) and for the cross-fleet rows.
      // 80 runs split over 2 fleets: ≤ 1 + 2 × ceil(2·80/100) + 1 — fixed by the batch, whatever the history holds.
      expect(first.requests).toBeLessThanOrEqual(1 + 2 * 2 + 1);
      expect(second.requests).toBeLessThanOrEqual(1 + 2 * 2 + 1);
    }
  });
});
