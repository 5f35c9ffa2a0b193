import { clustersForGate, type ClusterSelection } from './clustersForGate';
import { newTally } from './checkTally';
import type { FleetGate } from './fleetGate';
import { firstMeasurementAt } from './firstMeasurementAt';
import { requestApprovalEarly } from './approveGate';
import { transition, type GateDecision } from './gateDecision';
import { gateIdentityFromGate, type GateIdentity } from './gateIdentity';
import type { GatePolicy } from './gatePolicy';
import { GateReason } from './gateReasons';
import type { GateState } from './gateState';
import { addSeconds, isDue, later } from './gateTime';
import { startChecking } from './measureGate';
import type { RunStatusView } from './runStatus';
import { failGate, holdGate } from './settleGate';

export type GateObservedResult =
  /** Not a Conductor gate (foreign displayName, not an Approval gate, no run target): leave it alone. */
  | { readonly kind: 'foreign' }
  /** A `conductor:<id>` gate whose policy is not in config: nothing can be decided; tell an operator. */
  | { readonly kind: 'unknownPolicy'; readonly gate: GateIdentity }
  /** A new gate state (phase Observed) to save, then decide with a tick. */
  | { readonly kind: 'observed'; readonly state: GateState };

/**
 * First sight of a gate: identity from the port's FleetGate, policy by id, clusters from the run status.
 * Returns what the use case should do; the policy is pinned into the state from here on.
 */
export function observeGate(input: {
  readonly gate: FleetGate;
  readonly runStatus: RunStatusView;
  readonly policies: readonly GatePolicy[];
  readonly now: string;
}): GateObservedResult {
  const identity = gateIdentityFromGate(input.gate);
  if (identity === undefined) return { kind: 'foreign' };
  const policy = input.policies.find((candidate) => candidate.id === identity.policyId);
  if (policy === undefined) return { kind: 'unknownPolicy', gate: identity };
  const selection = clustersForGate(input.runStatus, identity);
  return { kind: 'observed', state: newGateState({ gate: identity, policy, selection, now: input.now }) };
}

/**
 * The state of a gate Conductor has just seen: phase Observed, version 1, the policy pinned, the clusters taken
 * from the run status (clustersForGate). The first `tick` initializes it (initializeGate).
 */
export function newGateState(input: {
  readonly gate: GateIdentity;
  readonly policy: GatePolicy;
  readonly selection: ClusterSelection;
  readonly now: string;
}): GateState {
  const { gate, policy, selection, now } = input;
  const found = selection.kind === 'found' ? selection : { clusters: [], excluded: [], failed: [] };
  return {
    version: 1,
    gate,
    policy,
    observedAt: now,
    clusters: found.clusters,
    excludedMembers: found.excluded,
    failedMembers: found.failed,
    ...(selection.kind === 'targetNotFound' ? { targetNotFound: selection.message } : {}),
    phase: { name: 'Observed' },
    checks: policy.checks.map((spec) => newTally(spec.name, spec.dryRun ?? policy.analysis.dryRun)),
    history: [],
  };
}

/**
 * Observed, first tick. In order: the target is missing → Inconclusive; a member failed its upgrade → Failed; no
 * cluster to check (and the policy has checks) → Inconclusive; otherwise Soaking until
 * `observedAt + initialDelaySeconds`, and never before the cut windows can hold a queryable post-upgrade sample
 * (firstMeasurementAt), continuing straight into Checking when that is already due. With an approval that does not
 * require checks first, approval is requested on entering Soaking (requestApprovalEarly).
 */
export function initializeGate(state: GateState, now: string): GateDecision {
  if (state.targetNotFound !== undefined) {
    return holdGate(state, GateReason.GateTargetNotFound, state.targetNotFound, now);
  }
  if (state.failedMembers.length > 0) {
    const members = state.failedMembers.map((member) => member.memberName).join(', ');
    return failGate(state, GateReason.MemberUpgradeFailed, `member upgrade failed: ${members}`, now);
  }
  if (state.clusters.length === 0 && state.checks.length > 0) {
    const excluded = state.excludedMembers.map((member) => `${member.memberName} (${member.reason})`).join(', ');
    return holdGate(state, GateReason.NoClustersToCheck, `no cluster to check${excluded === '' ? '' : `: ${excluded}`}`, now);
  }
  const soaked = addSeconds(state.observedAt, state.policy.analysis.initialDelaySeconds);
  const dataFrom = firstMeasurementAt(state);
  const until = dataFrom === undefined ? soaked : later(soaked, dataFrom);
  const why = until === soaked ? `soaking until ${until}` : `soaking until ${until}: before then no post-upgrade sample can be queryable (collection interval and ingestion delay)`;
  const soaking = requestApprovalEarly(transition(state, { name: 'Soaking', until }, GateReason.SoakStarted, now, why), now);
  if (!isDue(now, until)) return soaking;
  const checking = startChecking(soaking.next, now, 'initial delay elapsed');
  return { next: checking.next, actions: [...soaking.actions, ...checking.actions] };
}
