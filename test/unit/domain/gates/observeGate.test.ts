import { describe, expect, it } from 'vitest';
import { decideGate } from '../../../../src/domain/gates/decideGate';
import { evaluateMeasurement } from '../../../../src/domain/gates/evaluateMeasurement';
import type { FleetGate } from '../../../../src/domain/gates/fleetGate';
import { fleetObservation } from '../../../../src/domain/gates/gateObservation';
import { observeGate } from '../../../../src/domain/gates/initializeGate';
import type { RunStatusView } from '../../../../src/domain/gates/runStatus';
import { CLUSTER_A, CLUSTER_B, FLEET, GATE_ID, REF, T0, TICK, aPolicy, at, play, last } from './gateBuilders';

function aGate(displayName: string): FleetGate {
  return { fleetId: FLEET, gateId: GATE_ID, displayName, gateType: 'Approval', state: 'Pending', runName: 'k8s-1-33-4', stage: 'canary', timing: 'After' };
}

const RUN: RunStatusView = {
  stages: [
    {
      name: 'canary',
      groups: [
        {
          name: 'g',
          members: [
            { name: 'member-a', clusterResourceId: CLUSTER_A, status: { state: 'Completed' } },
            { name: 'member-b', clusterResourceId: CLUSTER_B, status: { state: 'Completed' } },
          ],
        },
      ],
    },
  ],
};

describe('observeGate', () => {
  it('leaves a foreign gate alone', () => {
    expect(observeGate({ gate: aGate('Run health checks'), runStatus: RUN, policies: [aPolicy()], now: T0 })).toEqual({ kind: 'foreign' });
  });

  it('reports a Conductor gate whose policy is not configured', () => {
    const observed = observeGate({ gate: aGate('conductor:missing'), runStatus: RUN, policies: [aPolicy()], now: T0 });

    expect(observed).toMatchObject({ kind: 'unknownPolicy', gate: { policyId: 'missing', gateId: GATE_ID } });
  });

  it('creates the Observed state with the policy pinned and the clusters of the gated stage', () => {
    const observed = observeGate({ gate: aGate('conductor:prod-health'), runStatus: RUN, policies: [aPolicy()], now: T0 });

    expect(observed).toEqual({
      kind: 'observed',
      state: {
        version: 1,
        gate: { ...REF, displayName: 'conductor:prod-health', policyId: 'prod-health', stage: 'canary', timing: 'After' },
        policy: aPolicy(),
        observedAt: T0,
        clusters: [
          { clusterId: CLUSTER_A, memberName: 'member-a', state: 'Completed' },
          { clusterId: CLUSTER_B, memberName: 'member-b', state: 'Completed' },
        ],
        excludedMembers: [],
        failedMembers: [],
        phase: { name: 'Observed' },
        checks: [{ name: 'nodes-ready', dryRun: false, phase: 'Running', count: 0, successful: 0, failed: 0, inconclusive: 0, errors: 0, consecutiveErrors: 0 }],
        history: [],
      },
    });
  });
});

describe('evaluateMeasurement', () => {
  const observed = observeGate({ gate: aGate('conductor:prod-health'), runStatus: RUN, policies: [aPolicy()], now: T0 });
  const checking = observed.kind === 'observed' ? last(play(observed.state, [[TICK, T0], [TICK, at(300)]])) : undefined;
  const request = checking === undefined ? undefined : decideGate(checking, TICK, at(420)).actions.find((action) => action.kind === 'runChecks');

  it('evaluates every planned check against its answer and reports the measurement it belongs to', () => {
    if (request?.kind !== 'runChecks') throw new Error('expected a runChecks action');

    const observation = evaluateMeasurement(request, [
      { checkName: 'nodes-ready', result: { columns: [{ name: 'ClusterId' }, { name: 'Value' }], rows: [[CLUSTER_A, 0], [CLUSTER_B, 0]] } },
    ]);

    expect(observation.kind === 'checksEvaluated' ? [observation.measurement, observation.evaluations.map((e) => [e.checkName, e.outcome])] : []).toEqual([
      1,
      [['nodes-ready', 'Successful']],
    ]);
  });

  it('evaluates a planned check without an answer as an Error, never skipping it', () => {
    if (request?.kind !== 'runChecks') throw new Error('expected a runChecks action');

    const observation = evaluateMeasurement(request, []);

    expect(observation.kind === 'checksEvaluated' ? observation.evaluations.map((e) => [e.outcome, e.reason, e.evidence.error]) : []).toEqual([
      ['Error', 'QueryFailed', { code: 'NoResult', message: 'the query was not run or its result was lost' }],
    ]);
  });
});

describe('fleetObservation', () => {
  it.each([
    { gateState: 'Completed', runState: 'Running', expected: 'fleetGateCompleted' },
    { gateState: 'Skipped', runState: 'Running', expected: 'fleetGateSkipped' },
    { gateState: 'Pending', runState: 'Stopped', expected: 'runStopped' },
    // Stopping is not final (a member failure shows it too, then Failed): the final state decides.
    { gateState: 'Pending', runState: 'Stopping', expected: 'tick' },
    { gateState: 'Pending', runState: 'Failed', expected: 'tick' },
    { gateState: 'Completed', runState: 'Stopped', expected: 'fleetGateCompleted' },
    { gateState: 'Pending', runState: 'Pending', expected: 'tick' },
    { gateState: null, runState: undefined, expected: 'tick' },
  ])('maps gate $gateState and run $runState to $expected', ({ gateState, runState, expected }) => {
    expect(fleetObservation({ gateState, runState }).kind).toBe(expected);
  });
});
