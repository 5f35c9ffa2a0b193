import { describe, expect, it } from 'vitest';
import { decideRunLifecycle, type RunLifecycleInput } from '../../../../src/domain/runs/decideRunLifecycle';

const started = { state: 'Started' } as const;
const gate = (phase: RunLifecycleInput['gates'][number]['phase']) => [{ gateId: 'g-1', phase }];

/**
 * Safety invariant 2 as a table: every way a run can stop or fail for a reason, and the state Fleet and Conductor's
 * gates show afterwards. None of them may be started again by Conductor itself.
 */
describe('decideRunLifecycle: a run stopped or failed for a reason is never started automatically', () => {
  const held: { cause: string; input: RunLifecycleInput; expected: string; gateId?: string }[] = [
    { cause: 'failed health gate', input: { record: started, fleetState: 'Stopped', gates: gate('Failed'), stoppedByOperator: false }, expected: 'GateFailed', gateId: 'g-1' },
    { cause: 'rejected approval (onReject stop)', input: { record: started, fleetState: 'Stopped', gates: gate('Rejected'), stoppedByOperator: false }, expected: 'ApprovalRejected', gateId: 'g-1' },
    { cause: 'rejected approval (onReject skip, run completed)', input: { record: started, fleetState: 'Completed', gates: gate('Rejected'), stoppedByOperator: false }, expected: 'ApprovalRejected', gateId: 'g-1' },
    { cause: 'expired approval (onExpire stop)', input: { record: started, fleetState: 'Stopped', gates: gate('Expired'), stoppedByOperator: false }, expected: 'ApprovalExpired', gateId: 'g-1' },
    { cause: 'expired approval (onExpire skip, run completed)', input: { record: started, fleetState: 'Completed', gates: gate('Expired'), stoppedByOperator: false }, expected: 'ApprovalExpired', gateId: 'g-1' },
    { cause: 'operator stop through Conductor', input: { record: started, fleetState: 'Stopped', gates: gate('Cancelled'), stoppedByOperator: true }, expected: 'OperatorStopped' },
    { cause: 'stop made in Azure by someone else', input: { record: started, fleetState: 'Stopped', gates: [], stoppedByOperator: false }, expected: 'StoppedInAzure' },
    { cause: 'member failure', input: { record: started, fleetState: 'Failed', gates: [], stoppedByOperator: false }, expected: 'MemberFailed' },
    { cause: 'gate skipped in Azure, run completed', input: { record: started, fleetState: 'Completed', gates: gate('Cancelled'), stoppedByOperator: false }, expected: 'GateCancelled', gateId: 'g-1' },
    { cause: 'every stage skipped in Azure', input: { record: started, fleetState: 'Skipped', gates: [], stoppedByOperator: false }, expected: 'SkippedInAzure' },
    { cause: 'run deleted in Azure', input: { record: started, fleetState: undefined, gates: [], stoppedByOperator: false }, expected: 'Deleted' },
    { cause: 'a state this version does not know', input: { record: started, fleetState: 'Paused', gates: [], stoppedByOperator: false }, expected: 'StoppedInAzure' },
  ];
  it.each(held)('$cause → held ($expected), never started', ({ input, expected, gateId }) => {
    const decision = decideRunLifecycle(input);
    expect(decision).toMatchObject({ kind: 'held', hold: { cause: expected, ...(gateId ? { gateId } : {}) } });
    expect(decision.kind).not.toBe('start');
  });

  it.each(['Running', 'Pending', 'Stopping', 'running'])('%s is active: nothing to start, and Stopping is not yet a stop', (fleetState) => {
    expect(decideRunLifecycle({ record: started, fleetState, gates: gate('Checking'), stoppedByOperator: false })).toEqual({ kind: 'active' });
  });

  it('a run Conductor created and meant to start, still NotStarted, is started by rule StartCreatedRun', () => {
    for (const state of ['Created', 'Started'] as const) {
      expect(decideRunLifecycle({ record: { state }, fleetState: 'NotStarted', gates: [], stoppedByOperator: false })).toEqual({ kind: 'start', rule: 'StartCreatedRun' });
    }
    // a claim not yet created belongs to the trigger creating it
    expect(decideRunLifecycle({ record: { state: 'Claimed' }, fleetState: 'NotStarted', gates: [], stoppedByOperator: false })).toEqual({ kind: 'active' });
    expect(decideRunLifecycle({ record: { state: 'Claimed' }, fleetState: undefined, gates: [], stoppedByOperator: false })).toEqual({ kind: 'active' });
  });

  it('a stale claim whose trigger died after Fleet created the run is taken over (TakeOverStaleClaim); a stopped one is held', () => {
    const stale = { record: { state: 'Claimed' as const }, gates: [], stoppedByOperator: false, claimStale: true };
    expect(decideRunLifecycle({ ...stale, fleetState: 'NotStarted' })).toEqual({ kind: 'start', rule: 'TakeOverStaleClaim' });
    // No run in Fleet yet: the create step's own takeover creates it when the policy still asks for it.
    expect(decideRunLifecycle({ ...stale, fleetState: undefined })).toEqual({ kind: 'active' });
    expect(decideRunLifecycle({ ...stale, fleetState: 'Running' })).toEqual({ kind: 'active' });
    // Stopped in Azure behind a stale claim: a reason, never a start (invariant 2).
    expect(decideRunLifecycle({ ...stale, fleetState: 'Stopped' })).toMatchObject({ kind: 'held' });
  });

  it('a completed run whose gates all passed (or were bypassed by a named operator) may be caught up', () => {
    for (const gates of [[], gate('Passed'), gate('Bypassed')]) {
      expect(decideRunLifecycle({ record: started, fleetState: 'Completed', gates, stoppedByOperator: false })).toEqual({ kind: 'completed', rule: 'CatchUpCompletedRun' });
    }
  });

  it('a closed run is not looked at again (abandoned stays abandoned whatever Fleet says)', () => {
    expect(decideRunLifecycle({ record: { state: 'Started', closed: { kind: 'Abandoned' } }, fleetState: 'Stopped', gates: gate('Failed'), stoppedByOperator: false })).toEqual({ kind: 'closed', closed: 'Abandoned' });
  });
});
