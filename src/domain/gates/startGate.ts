import { GateReason } from './gateReasons';
import type { GateState } from './gateState';
import { firstMeasurementAt } from './firstMeasurementAt';
import { addSeconds, isDue, later } from './gateTime';
import { transition, unchanged, wakeUp, type GateDecision } from './markGate';
import { startChecking } from './measureGate';
import { requestApprovalEarly } from './requestApproval';
import { failGate, holdGate } from './settleGate';

/**
 * First decision for an Observed gate, in order: the target is missing → Inconclusive; a member failed its
 * upgrade → Failed; no cluster to check (and the policy has checks) → Inconclusive; otherwise Soaking until
 * `observedAt + initialDelaySeconds`, and never before the cut windows can hold a queryable post-upgrade sample
 * (firstMeasurementAt), continuing straight into Checking when that is already due. With an approval
 * that does not require checks first, approval is requested on entering Soaking (requestApprovalEarly).
 */
export function startGate(state: GateState, now: string): GateDecision {
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
  if (!isDue(now, until)) return { ...soaking, actions: [...soaking.actions, wakeUp(state, until)] };
  const checking = startChecking(soaking.next, now, 'initial delay elapsed');
  return { next: checking.next, actions: [...soaking.actions, ...checking.actions] };
}

/** A tick while Soaking: start checking once the soak is over. */
export function tickSoaking(state: GateState, until: string, now: string): GateDecision {
  return isDue(now, until) ? startChecking(state, now, 'initial delay elapsed') : unchanged(state);
}

