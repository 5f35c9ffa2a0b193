import { describe, expect, it } from 'vitest';
import type { CheckSpec } from '../../../../src/domain/checks/checkSpec';
import type { ClusterSelection } from '../../../../src/domain/gates/clustersForGate';
import { decideGate } from '../../../../src/domain/gates/decideGate';
import type { GateState } from '../../../../src/domain/gates/gateState';
import { rearmGate } from '../../../../src/domain/gates/rearmGate';
import { CLUSTER_A, CLUSTER_B, NODES_READY, T0, TICK, aPolicy, anObservedGate, at, given } from './gateBuilders';

const RESTARTS: CheckSpec = { type: 'restarts', name: 'restarts', lookbackMinutes: 15, threshold: 3 };

/** Both members finished upgrading `secondsBeforeT0` before the gate was observed at T0. */
function upgradedBefore(secondsBeforeT0: number): ClusterSelection {
  const upgradedAt = at(-secondsBeforeT0);
  return {
    kind: 'found',
    clusters: [
      { clusterId: CLUSTER_A, memberName: 'member-a', state: 'Completed', upgradedAt: at(-secondsBeforeT0 - 300) },
      { clusterId: CLUSTER_B, memberName: 'member-b', state: 'Completed', upgradedAt },
    ],
    excluded: [],
    failed: [],
  };
}

// Windows start no earlier than the upgrades finished. With a soak shorter than one collection interval plus the
// worst-case ingestion delay (1 + 3 min under the standard preset), the first window could hold no queryable sample
// and the gate would be held Inconclusive on latency alone (the demo story's prod-us gate, 120 s soak).
describe('decideGate: the first measurement waits until a post-upgrade sample can be queryable', () => {
  it('soaks past initialDelaySeconds until the last upgrade end + interval + ingestion delay', () => {
    const observed = anObservedGate({ policy: aPolicy({ analysis: { initialDelaySeconds: 120 } }), selection: upgradedBefore(10) });

    const soaking = given(observed).when(TICK, T0).then('Soaking', ['audit']);

    expect(soaking.next.phase).toEqual({ name: 'Soaking', until: at(230) });
    given(soaking.next).when(TICK, at(120)).then('Soaking', []);
    given(soaking.next).when(TICK, at(229)).then('Soaking', []);
    const checking = given(soaking.next).when(TICK, at(230)).then('Checking', ['audit', 'runChecks']);
    const window = checking.actions.find((a) => a.kind === 'runChecks');
    expect(window).toMatchObject({ window: { start: at(-10), end: at(230) } });
  });

  it('gives a growth check (restarts) the two samples it compares: two intervals plus the ingestion delay', () => {
    const observed = anObservedGate({ policy: aPolicy({ analysis: { initialDelaySeconds: 120 }, checks: [NODES_READY, RESTARTS] }), selection: upgradedBefore(0) });

    expect(given(observed).when(TICK, T0).then('Soaking', ['audit']).next.phase).toEqual({ name: 'Soaking', until: at(300) });
  });

  it('keeps initialDelaySeconds when it is already longer, and when no member reports when it finished', () => {
    const long = anObservedGate({ policy: aPolicy({ analysis: { initialDelaySeconds: 600 } }), selection: upgradedBefore(10) });
    expect(decideGate(long, TICK, T0).next.phase).toEqual({ name: 'Soaking', until: at(600) });
    const unknown = anObservedGate({ policy: aPolicy({ analysis: { initialDelaySeconds: 120 } }) });
    expect(decideGate(unknown, TICK, T0).next.phase).toEqual({ name: 'Soaking', until: at(120) });
  });

  it('measures at once when the upgrade finished long enough ago', () => {
    const observed = anObservedGate({ policy: aPolicy({ analysis: { initialDelaySeconds: 0 } }), selection: upgradedBefore(900) });
    given(observed).when(TICK, T0).then('Checking', ['audit', 'audit', 'runChecks']);
  });

  it('in an attempt an operator re-armed, windows start at the re-arm, not at the upgrade the failure came from', () => {
    // Upgraded an hour before T0, failed, healed; the operator resumes at T0.
    const observed = anObservedGate({ policy: aPolicy({ analysis: { initialDelaySeconds: 60 } }), selection: upgradedBefore(3600) });
    const failed: GateState = { ...observed, phase: { name: 'Failed', at: at(-60) } };
    const rearmed = rearmGate(failed, { by: 'ops@contoso.example', reason: 'cluster healed', selection: upgradedBefore(3600), now: T0 })?.next;
    expect(rearmed?.attempt).toBe(2);

    const soaking = given(rearmed!).when(TICK, T0).then('Soaking', ['audit']);
    expect(soaking.next.phase).toEqual({ name: 'Soaking', until: at(240) }); // re-arm + 1 min interval + 3 min delay
    const checking = given(soaking.next).when(TICK, at(240)).then('Checking', ['audit', 'runChecks']);
    expect(checking.actions.find((a) => a.kind === 'runChecks')).toMatchObject({ window: { start: T0, end: at(240) } });
  });
});
