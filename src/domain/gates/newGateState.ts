import type { ClusterSelection } from './clustersForGate';
import { newTally } from './checkTally';
import type { GateIdentity } from './gateIdentity';
import type { GatePolicy } from './gatePolicy';
import type { GateState } from './gateState';

/**
 * The state of a gate Conductor has just seen: phase Observed, version 1, the policy pinned, the clusters taken
 * from the run status (clustersForGate). The first `tick` moves it on (see decideGate).
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
