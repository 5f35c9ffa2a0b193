import { clustersForGate } from './clustersForGate';
import { gateIdentityFromGate, type FleetGateView, type GateIdentity } from './gateIdentity';
import type { GatePolicy } from './gatePolicy';
import type { GateState } from './gateState';
import { newGateState } from './newGateState';
import type { RunStatusView } from './runStatus';

export type GateObservedResult =
  /** Not a Conductor gate (foreign displayName, not an Approval gate, no run target): leave it alone. */
  | { readonly kind: 'foreign' }
  /** A `conductor:<id>` gate whose policy is not in config: nothing can be decided; tell an operator. */
  | { readonly kind: 'unknownPolicy'; readonly gate: GateIdentity }
  /** A new gate state (phase Observed) to save, then decide with a tick. */
  | { readonly kind: 'observed'; readonly state: GateState };

/**
 * First sight of a gate: identity from the Gate resource, policy by id, clusters from the run status.
 * Returns what the use case should do; the policy is pinned into the state from here on.
 */
export function observeGate(input: {
  readonly gate: FleetGateView;
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
