import { describe, expect, it } from 'vitest';
import { readRunShared } from '../../../../src/app/gates/sharedRunReads';
import { FakeFleetApi } from '../../../support/fakes/FakeFleetApi';

const FLEET = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f';

describe('readRunShared (issue 14: 50 gates opened together read their run once)', () => {
  it('reads a run once for the callers that ask while it is in flight, and again for a caller after it answered', async () => {
    const fleet = new FakeFleetApi();
    const together = await Promise.all([readRunShared(fleet, FLEET, 'run-a'), readRunShared(fleet, FLEET.toUpperCase(), 'RUN-A'), readRunShared(fleet, FLEET, 'run-a')]);
    expect(together).toHaveLength(3);
    expect(fleet.count('getUpdateRun')).toBe(1);
    await readRunShared(fleet, FLEET, 'run-a');
    expect(fleet.count('getUpdateRun')).toBe(2);
  });

  it('never shares a read between runs, nor between FleetApi instances', async () => {
    const fleet = new FakeFleetApi();
    const other = new FakeFleetApi();
    await Promise.all([readRunShared(fleet, FLEET, 'run-a'), readRunShared(fleet, FLEET, 'run-b'), readRunShared(other, FLEET, 'run-a')]);
    expect(fleet.count('getUpdateRun')).toBe(2);
    expect(other.count('getUpdateRun')).toBe(1);
  });

  it('gives a failed read to the callers that shared it, and does not keep it', async () => {
    const fleet = new FakeFleetApi();
    let fail = true;
    const read = fleet.getUpdateRun.bind(fleet);
    fleet.getUpdateRun = (...args) => (fail ? Promise.reject(new Error('ARM 500')) : read(...args));
    const results = await Promise.allSettled([readRunShared(fleet, FLEET, 'run-a'), readRunShared(fleet, FLEET, 'run-a')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(readRunShared(fleet, FLEET, 'run-a')).resolves.toBeUndefined();
  });
});
