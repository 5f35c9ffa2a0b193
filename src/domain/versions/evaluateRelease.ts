import { autoUpgradeWarnings } from './autoUpgradeWarnings';
import { channelCandidates } from './channelCandidates';
import { checkCandidate, type CandidateContext } from './checkCandidate';
import { memberRegions, type ActiveRun, type MemberFacts, type UpgradeTarget } from './fleetFacts';
import { compareKubernetesVersions, parseKubernetesVersion } from './kubernetesVersion';
import { compareNodeImageVersions, parseNodeImageVersion } from './nodeImageVersion';
import { planMembers, type MemberPlan } from './planMembers';
import { evaluatePolicyWindows } from './policyWindow';
import { reason, ReasonCode, type Reason } from './reasons';
import type { ReleaseDecision, ReleaseInput } from './releaseDecision';
import { runNameFor } from './runName';
import { resolveVersionPolicy } from './versionPolicy';
import { validateVersionPolicy } from './validateVersionPolicy';

/**
 * Decides which run (if any) the fleet should get now. Steps:
 * 1. Invalid policy or time → `invalidPolicy`; no members → `upToDate` (`NoMembers`).
 * 2. For each candidate track of the channel (see `channelCandidates`), newest first, skip versions no member is
 *    below; the first version with no `checkCandidate` reason is chosen. Rejected newer versions keep their reasons.
 * 3. The chosen version is planned (`planMembers`). If nobody would be upgraded or left Pending, the next track is
 *    tried (only `patch` has several). Members skipped with `MinorSkip` etc. are reported.
 * 4. Active run with the same target → `alreadyRunning`; with another target → `wait` (`RunActive`).
 *    Windows closed → `wait` (`DenyWindow` / `OutsideAllowWindow`).
 * 5. Otherwise `createRun`. Because the newest eligible version is re-derived at every evaluation, versions released
 *    during a deny window coalesce: on reopen only the newest eligible one gets a run (no queue).
 * Nothing chosen but blocked candidates or skipped members → `wait` (with the stalled target and plan when members
 * were skipped, e.g. all `MinorSkip`); else `upToDate`.
 */
export function evaluateRelease(input: ReleaseInput): ReleaseDecision {
  const policy = resolveVersionPolicy(input.policy);
  const invalid = validateVersionPolicy(policy);
  if (invalid.length > 0) return { outcome: 'invalidPolicy', reasons: invalid };
  const nowMs = typeof input.now === 'number' ? input.now : Date.parse(input.now);
  if (!Number.isFinite(nowMs)) {
    return { outcome: 'invalidPolicy', reasons: [reason(ReasonCode.InvalidInput, `The evaluation time '${String(input.now)}' is not a valid time.`)] };
  }
  const warnings = autoUpgradeWarnings(input.members, policy.channel);
  if (input.members.length === 0) {
    return { outcome: 'upToDate', reasons: [reason(ReasonCode.NoMembers, 'The fleet has no members, so there is nothing to upgrade.')], warnings };
  }
  const ctx: CandidateContext = {
    policy,
    regions: memberRegions(input.members),
    availability: input.availability,
    firstSeen: input.firstSeen,
    nowMs,
  };
  const candidates = channelCandidates(policy, input.members, input.availability);
  const blocking: Reason[] = [...candidates.reasons];
  let stalled: { target: UpgradeTarget; plan: MemberPlan } | undefined;
  for (const track of candidates.tracks) {
    const { chosen, rejected } = newestEligible(track, input.members, ctx);
    if (chosen === undefined) {
      blocking.push(...rejected);
      continue;
    }
    const plan = planMembers(chosen, input.members, input.availability, { keepMinor: policy.channel === 'patch' });
    if (plan.upgrade.length + plan.pending.length === 0) {
      const skipped = plan.skip.flatMap((m) => m.reasons).filter((r) => isActionable(r));
      if (skipped.length > 0) stalled ??= { target: chosen, plan };
      blocking.push(...rejected, ...skipped);
      continue;
    }
    return decideFor(chosen, plan, [...blocking, ...rejected], input.activeRun, policy.windows, nowMs, warnings);
  }
  if (blocking.length > 0 && candidates.tracks.length > 0) {
    const nextEvaluationAt = earliestUntil(blocking);
    return { outcome: 'wait', target: stalled?.target, plan: stalled?.plan, nextEvaluationAt, reasons: blocking, warnings };
  }
  const upToDate = reason(ReasonCode.UpToDate, 'Every member runs the newest eligible version of the channel or newer.');
  return { outcome: 'upToDate', reasons: blocking.length > 0 ? blocking : [upToDate], warnings };
}

/**
 * The newest version of the track that some member is below and that passes every check, with the reasons of the
 * newer versions passed over. Versions no member is below are ignored (they would change nothing).
 */
function newestEligible(
  track: readonly UpgradeTarget[],
  members: readonly MemberFacts[],
  ctx: CandidateContext,
): { chosen: UpgradeTarget | undefined; rejected: Reason[] } {
  const rejected: Reason[] = [];
  for (const target of track) {
    if (!someMemberBelow(target, members)) continue;
    const why = checkCandidate(target, ctx);
    if (why.length === 0) return { chosen: target, rejected };
    rejected.push(...why);
  }
  return { chosen: undefined, rejected };
}

function decideFor(
  target: UpgradeTarget,
  plan: MemberPlan,
  rejectedNewer: readonly Reason[],
  activeRun: ActiveRun | undefined,
  windows: Parameters<typeof evaluatePolicyWindows>[0],
  nowMs: number,
  warnings: readonly Reason[],
): ReleaseDecision {
  const runName = runNameFor(target);
  const skipped = plan.skip.flatMap((m) => m.reasons).filter((r) => isActionable(r));
  if (activeRun !== undefined && sameTarget(activeRun.target, target)) {
    const why = reason(ReasonCode.AlreadyRunning, `Run ${activeRun.name} already targets ${target.version}; no new run is created.`, {
      version: target.version,
      matched: activeRun.name,
    });
    return { outcome: 'alreadyRunning', target, runName: activeRun.name, reasons: [why], warnings };
  }
  const blocks: Reason[] = [];
  if (activeRun !== undefined) {
    blocks.push(
      reason(
        ReasonCode.RunActive,
        `Run ${activeRun.name} (target ${activeRun.target.version}) is still active; one active run per fleet, so ${target.version} waits.`,
        { version: target.version, matched: activeRun.name },
      ),
    );
  }
  const windowStatus = evaluatePolicyWindows(windows, nowMs);
  if (!windowStatus.open) blocks.push(...windowStatus.reasons);
  if (blocks.length > 0) {
    const reasons = [...blocks, ...rejectedNewer, ...skipped];
    // A closed window reopens at its next opening (a deny end inside a closed allow window is not an opening).
    const nextEvaluationAt = windowStatus.open ? undefined : windowStatus.nextOpeningAt;
    return { outcome: 'wait', target, plan, nextEvaluationAt, reasons, warnings };
  }
  return { outcome: 'createRun', target, runName, plan, reasons: [...rejectedNewer, ...skipped], warnings };
}

/** Skips an operator should know about; AtTarget/AheadOfTarget/DifferentMinor are the normal case. */
function isActionable(r: Reason): boolean {
  return r.code !== ReasonCode.AtTarget && r.code !== ReasonCode.AheadOfTarget && r.code !== ReasonCode.DifferentMinor;
}

function someMemberBelow(target: UpgradeTarget, members: readonly MemberFacts[]): boolean {
  if (target.kind === 'kubernetes') {
    const t = parseKubernetesVersion(target.version);
    return t !== undefined && members.some((m) => {
      const v = parseKubernetesVersion(m.kubernetesVersion);
      return v !== undefined && compareKubernetesVersions(v, t) < 0;
    });
  }
  const t = parseNodeImageVersion(target.version);
  return t !== undefined && members.some((m) => m.nodeImageVersions.some((p) => {
    const v = parseNodeImageVersion(p);
    return v !== undefined && compareNodeImageVersions(v, t) < 0;
  }));
}

function sameTarget(a: UpgradeTarget, b: UpgradeTarget): boolean {
  return a.kind === b.kind && a.version === b.version;
}

function earliestUntil(reasons: readonly Reason[]): string | undefined {
  const times = reasons.map((r) => r.until).filter((u): u is string => u !== undefined).sort();
  return times[0];
}
