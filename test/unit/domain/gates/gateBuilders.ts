import { expect } from 'vitest';
import type { ApprovalPolicy } from '../../../../src/domain/approvals/approvalPolicy';
import type { CheckEvaluation, CheckOutcome } from '../../../../src/domain/checks/checkEvaluation';
import type { CheckSpec } from '../../../../src/domain/checks/checkSpec';
import type { ClusterSelection } from '../../../../src/domain/gates/clustersForGate';
import type { GateAction } from '../../../../src/domain/gates/gateActions';
import type { GateIdentity } from '../../../../src/domain/gates/gateIdentity';
import type { GateObservation } from '../../../../src/domain/gates/gateObservation';
import type { GatePhaseName } from '../../../../src/domain/gates/gateState';
import { DEFAULT_ANALYSIS, type AnalysisSettings, type GatePolicy } from '../../../../src/domain/gates/gatePolicy';
import type { GateState } from '../../../../src/domain/gates/gateState';
import { decideGate } from '../../../../src/domain/gates/decideGate';
import type { GateDecision } from '../../../../src/domain/gates/gateDecision';
import { newGateState } from '../../../../src/domain/gates/initializeGate';

type GateActionKind = GateAction['kind'];

export const T0 = '2026-11-21T17:00:00.000Z';
export const FLEET = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/fleet-1';
export const GATE_ID = '12345678-910a-bcde-f000-000000000000';
export const CLUSTER_A = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-a';
export const CLUSTER_B = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-b';
export const REF = { fleetId: FLEET, runName: 'k8s-1-33-4', gateId: GATE_ID };

/** `T0 + seconds` as an ISO string. */
export function at(seconds: number): string {
  return new Date(Date.parse(T0) + seconds * 1000).toISOString();
}

export const NODES_READY: CheckSpec = { type: 'nodes-ready', name: 'nodes-ready', lookbackMinutes: 5, threshold: 0 };
export const PODS_HEALTHY: CheckSpec = { type: 'pods-healthy', name: 'pods-healthy', lookbackMinutes: 5, threshold: 0 };

export function aGateIdentity(overrides: Partial<GateIdentity> = {}): GateIdentity {
  return { ...REF, displayName: 'conductor:prod-health', policyId: 'prod-health', stage: 'canary', timing: 'After', ...overrides };
}

export function aPolicy(overrides: { analysis?: Partial<AnalysisSettings>; checks?: readonly CheckSpec[]; approval?: GatePolicy['approval'] } = {}): GatePolicy {
  return {
    id: 'prod-health',
    checks: overrides.checks ?? [NODES_READY],
    analysis: { ...DEFAULT_ANALYSIS, ...overrides.analysis },
    ...(overrides.approval === undefined ? {} : { approval: overrides.approval }),
  };
}

/** A valid approval policy (defaults, one approver) with overrides. */
export function anApproval(overrides: Partial<ApprovalPolicy> = {}): ApprovalPolicy {
  return {
    approvers: { users: ['alice@contoso.com'], objectIds: [], groups: [] },
    quorum: 1,
    expiresAfterMinutes: 1440,
    onExpire: 'hold',
    onReject: 'stop',
    requireChecksFirst: true,
    channels: {},
    ...overrides,
  };
}

export const TWO_CLUSTERS: ClusterSelection = {
  kind: 'found',
  clusters: [
    { clusterId: CLUSTER_A, memberName: 'member-a', state: 'Completed' },
    { clusterId: CLUSTER_B, memberName: 'member-b', state: 'Completed' },
  ],
  excluded: [],
  failed: [],
};

/** A gate just observed at T0. */
export function anObservedGate(options: { policy?: GatePolicy; selection?: ClusterSelection; gate?: GateIdentity } = {}): GateState {
  return newGateState({ gate: options.gate ?? aGateIdentity(), policy: options.policy ?? aPolicy(), selection: options.selection ?? TWO_CLUSTERS, now: T0 });
}

/** A realistic evaluation of one check with the same outcome for both clusters. */
export function anEvaluation(checkName: string, outcome: CheckOutcome, dryRun = false): CheckEvaluation {
  const value = outcome === 'Successful' ? 0 : outcome === 'Failed' ? 3 : null;
  const reason = { Successful: 'ThresholdMet', Failed: 'ThresholdViolated', Inconclusive: 'NoData', Error: 'QueryFailed' } as const;
  const checkReason = { Successful: 'AllClustersPassed', Failed: 'ClusterFailed', Inconclusive: 'ClusterInconclusive', Error: 'QueryFailed' } as const;
  return {
    checkName,
    checkType: 'nodes-ready',
    dryRun,
    outcome,
    reason: checkReason[outcome],
    message: `${outcome} on both clusters`,
    comparator: '<=',
    threshold: 0,
    perCluster: [CLUSTER_A, CLUSTER_B].map((clusterId) => ({ clusterId, value, outcome, reason: reason[outcome] })),
    evidence: { query: 'KubeNodeInventory', window: { start: at(-300), end: T0 }, columns: ['ClusterId', 'Value'], rows: [], truncatedRows: 0 },
  };
}

export function evaluated(measurement: number, ...evaluations: CheckEvaluation[]): GateObservation {
  return { kind: 'checksEvaluated', measurement, evaluations };
}

export const TICK: GateObservation = { kind: 'tick' };

/**
 * given(state).when(observation, now).then(expectedPhase, expectedActionKinds) → the decision, for further
 * whole-object assertions. `then` asserts the phase and the exact ordered list of action kinds.
 */
export function given(state: GateState) {
  return {
    when(observation: GateObservation, now: string) {
      const decision = decideGate(state, observation, now);
      return {
        decision,
        then(expectedPhase: GatePhaseName, expectedActionKinds: readonly GateActionKind[]): GateDecision {
          expect({ phase: decision.next.phase.name, actions: decision.actions.map((action) => action.kind) }).toEqual({
            phase: expectedPhase,
            actions: expectedActionKinds,
          });
          return decision;
        },
      };
    },
  };
}

/** Feeds observations in order, returning every decision (for properties over a whole gate life). */
export function play(state: GateState, steps: readonly (readonly [GateObservation, string])[]): GateDecision[] {
  const decisions: GateDecision[] = [];
  let current = state;
  for (const [observation, now] of steps) {
    const decision = decideGate(current, observation, now);
    decisions.push(decision);
    current = decision.next;
  }
  return decisions;
}

/** The state after the last of `decisions`. */
export function last(decisions: readonly GateDecision[]): GateState {
  const final = decisions[decisions.length - 1];
  if (final === undefined) throw new Error('no decisions');
  return final.next;
}

/** A gate (default policy unless given) that has soaked and requested measurement 1 at T0 + 300 s. */
export function checkingGate(policy: GatePolicy = aPolicy()): GateState {
  return last(play(anObservedGate({ policy }), [[TICK, T0], [TICK, at(300)]]));
}
