import { describe, expect, it } from 'vitest';
import { RunHistoryRecorder } from '../../../../src/app/history/RunHistoryRecorder';
import type { FleetConfig } from '../../../../src/domain/config/conductorConfig';
import type { RunSnapshot } from '../../../../src/domain/history/runSnapshot';
import type { FleetUpdateRun } from '../../../../src/ports';
import { FakeFleetApi } from '../../../support/fakes/FakeFleetApi';
import { InMemoryRunHistory } from '../../../support/fakes/InMemoryRunHistory';

const FLEET_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f1';
const fleet = { name: 'f1', fleetId: FLEET_ID } as FleetConfig;

function snapshot(runName: string, state: string, observedAt: string): RunSnapshot {
  return { fleetName: 'f1', fleetId: FLEET_ID, runName, state, createdAt: '2026-12-01T00:00:00.000Z', observedAt, createdBy: 'fleet-conductor', stages: [] };
}

function world(now: string) {
  const fleetApi = new FakeFleetApi();
  const history = new InMemoryRunHistory();
  const clock = { nowIso: () => now };
  const recorder = new RunHistoryRecorder({ fleet: fleetApi, history, clock }, { discoveryIntervalSeconds: 0 });
  return { fleetApi, history, recorder };
}

describe('RunHistoryRecorder: runs deleted in Azure', () => {
  it('given a stored run Fleet answers "not found" for, when recorded, then history keeps it as Deleted with when it was last seen', async () => {
    const { history, recorder } = world('2026-12-06T10:00:00.000Z');
    await history.upsertRun(snapshot('k8s-1-33-4', 'Running', '2026-12-06T09:55:00.000Z'));

    expect(await recorder.recordDeleted(fleet, ['k8s-1-33-4', 'never-recorded'], '2026-12-06T10:00:00.000Z')).toBe(1);

    expect(await history.getRun('f1', 'k8s-1-33-4')).toMatchObject({ state: 'Deleted', lastSeenAt: '2026-12-06T09:55:00.000Z', observedAt: '2026-12-06T10:00:00.000Z' });
    expect(await history.getRun('f1', 'never-recorded')).toBeUndefined();
    expect(await history.listActiveRunNames('f1')).toEqual([]);
    // Marked once: a second "not found" changes nothing.
    expect(await recorder.recordDeleted(fleet, ['k8s-1-33-4'], '2026-12-06T10:05:00.000Z')).toBe(0);
    expect((await history.getRun('f1', 'k8s-1-33-4'))?.lastSeenAt).toBe('2026-12-06T09:55:00.000Z');
  });

  it('given a finished run missing from Fleet\'s list, when discovery runs, then it is marked Deleted and listed runs are not', async () => {
    const { fleetApi, history, recorder } = world('2026-12-06T10:00:00.000Z');
    await history.upsertRuns([snapshot('k8s-1-33-2', 'Stopped', '2026-12-05T08:00:00.000Z'), snapshot('k8s-1-33-3', 'Completed', '2026-12-05T09:00:00.000Z')]);
    fleetApi.runs.set('k8s-1-33-3', { fleetId: FLEET_ID, name: 'k8s-1-33-3', state: 'Completed' } as FleetUpdateRun);

    expect(await recorder.discoveryDue(fleet)).toBe(true);
    await recorder.record(fleet);

    expect(await history.getRun('f1', 'k8s-1-33-2')).toMatchObject({ state: 'Deleted', lastSeenAt: '2026-12-05T08:00:00.000Z' });
    expect((await history.getRun('f1', 'k8s-1-33-3'))?.state).toBe('Completed');
  });
});
