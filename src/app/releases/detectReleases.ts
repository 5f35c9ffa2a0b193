import type { FleetConfig } from '../../domain/config/conductorConfig';
import { evaluateRelease } from '../../domain/versions/evaluateRelease';
import { reason, ReasonCode } from '../../domain/versions/reasons';
import { AutomaticRule, type RunLifecycleDecision } from '../../domain/runs/decideRunLifecycle';
import { UNBLOCKING_ACTIONS } from '../../domain/runs/runHold';
import { ConcurrencyError, type RunRecord, type StoredRunRecord } from '../../ports';
import { ensureUpdateStrategy } from '../gates/ensureUpdateStrategy';
import { gatherFleetFacts } from './gatherFleetFacts';
import { CLAIM_TAKEOVER_SECONDS, reviewOwnRuns, withoutEtag } from './reviewOwnRuns';
import { isOverdue, PENDING_LEASE_SECONDS, recordPending, reportUnconfirmed, withoutPending } from './pendingRequests';
import type { ReleaseDeps } from './releaseDeps';
import type { ReleaseOutcome, ReleaseTrigger } from './releaseEvaluation';

const ACTOR = 'fleet-conductor';

/**
 * Re-evaluates a fleet against its version policy (level-triggered: facts are read fresh, whatever the trigger) and,
 * when the policy allows a run, creates and starts exactly one: a conditional insert keyed by (fleet, target) decides
 * which trigger owns it, the PUT carries `If-None-Match: *`, and a start of a started run is a no-op. The decision
 * and its reasons are recorded either way, so "why no run?" always has an answer.
 *
 * No evaluation waits on an ARM long-running operation: a strategy write or generateUpdateRun that Azure accepts
 * asynchronously is recorded on the claim (`pending`), and a later evaluation (tick or event) confirms it from Fleet's
 * own state before the run is created or started; one not confirmed within REQUEST_CONFIRM_SECONDS is reported and
 * sent again (pendingRequests).
 *
 * Safety invariant 2 lives here: before anything is created, Conductor's own runs are reviewed (decideRunLifecycle).
 * A run stopped or failed for a reason holds the whole fleet — no restart, no new run — until an operator resumes or
 * abandons it; a paused fleet starts nothing. Every start names the rule that allowed it (AutomaticRule).
 */
export async function detectReleases(deps: ReleaseDeps, fleet: FleetConfig, trigger: ReleaseTrigger): Promise<ReleaseOutcome> {
  const release = fleet.release;
  if (!release) return { kind: 'disabled' };
  const now = deps.clock.nowIso();
  const pause = await deps.releases.getPause(fleet.fleetId);
  if (pause) {
    const why = reason(ReasonCode.FleetPaused, `Fleet ${fleet.name} was paused by ${pause.by} at ${pause.at}: ${pause.reason}. No run is created or started until it is unpaused.`);
    await deps.releases.putEvaluation({ fleetId: fleet.fleetId, evaluatedAt: now, outcome: 'paused', reasons: [why], warnings: [] });
    return { kind: 'noRun', outcome: 'paused', reasons: [why] };
  }
  const review = await reviewOwnRuns(deps, fleet);
  if (review.held) return hold(deps, fleet, review.held.record, review.held.decision);
  if (review.toStart) {
    try {
      return await createAndStart(deps, fleet, review.toStart.record, false, review.toStart.decision.rule);
    } catch (error) {
      if (error instanceof ConcurrencyError) return { kind: 'alreadyHandled', runName: review.toStart.record.runName };
      throw error;
    }
  }
  // The confirm step: a claim waiting on a request Azure accepted asynchronously, or a stale profile-mode claim whose
  // crashed trigger left a generated run behind (one list of the fleet's runs tells; without such a run the claim is
  // taken over below like any other, so a profile that keeps generating nothing does not hide newer targets).
  const waiting = review.pending;
  const leftBehind = async (record: StoredRunRecord): Promise<boolean> =>
    release.mode === 'profile' && release.autoUpgradeProfile !== undefined && (await deps.runs.findGeneratedRun(fleet.fleetId, release.autoUpgradeProfile, record.target)) !== undefined;
  if (waiting && (waiting.pending !== undefined || (await leftBehind(waiting)))) {
    // The evaluation first takes the record (an ETag-guarded write), so of concurrent triggers on any instance only
    // one sends anything further. The take is a lease: an evaluation that reads the record after another took it
    // (its write would succeed too) leaves it alone while the other may still be at work, so two evaluations never
    // both send a request again (an overdue generateUpdateRun sent twice could make two runs for one target).
    const checkedAt = waiting.pending?.checkedAt;
    if (checkedAt !== undefined && Date.parse(now) - Date.parse(checkedAt) < PENDING_LEASE_SECONDS * 1000) return { kind: 'alreadyHandled', runName: waiting.runName };
    try {
      const taken = await deps.releases.updateRunRecord({ ...withoutEtag(waiting), ...(waiting.pending ? { pending: { ...waiting.pending, checkedAt: now } } : {}) }, waiting.etag);
      return await createAndStart(deps, fleet, taken, false, waiting.pending ? AutomaticRule.ConfirmAcceptedRequest : AutomaticRule.TakeOverStaleClaim);
    } catch (error) {
      if (error instanceof ConcurrencyError) return { kind: 'alreadyHandled', runName: waiting.runName };
      throw error;
    }
  }
  let facts = await gatherFleetFacts(deps, fleet);
  const evaluate = (f: typeof facts): ReturnType<typeof evaluateRelease> =>
    evaluateRelease({ policy: release.policy, members: f.members, availability: f.availability, firstSeen: f.firstSeen, activeRun: f.activeRun, now });
  let decision = evaluate(facts);
  if (decision.outcome === 'createRun' && facts.activeRunFrom === 'history') {
    // History's view of active runs may lag a tick (and misses runs nobody told Conductor about): a run is created
    // only on Fleet's own run list.
    facts = await gatherFleetFacts(deps, fleet, { record: false, liveRuns: true });
    decision = evaluate(facts);
  }
  const warnings = 'warnings' in decision ? decision.warnings : [];
  await deps.releases.putEvaluation({
    fleetId: fleet.fleetId,
    evaluatedAt: now,
    outcome: decision.outcome,
    ...('target' in decision && decision.target ? { target: decision.target } : {}),
    ...('runName' in decision ? { runName: decision.runName } : {}),
    reasons: decision.reasons,
    warnings,
  });
  // Members racing the fleet with their own auto-upgrade: once per member and channel in the fleet's trail.
  await deps.audit.appendAuditEvents(
    warnings.map((w) => ({
      id: `warning/${w.code}/${w.member ?? ''}/${w.message}`,
      at: now,
      fleetId: fleet.fleetId,
      runName: '_fleet',
      kind: w.code,
      actor: ACTOR,
      message: w.message,
      ...(w.member ? { data: { member: w.member } } : {}),
    })),
  );
  if (decision.outcome !== 'createRun') return { kind: 'noRun', outcome: decision.outcome, reasons: decision.reasons };

  const wanted: RunRecord = {
    fleetId: fleet.fleetId,
    target: decision.target,
    runName: decision.runName,
    mode: release.mode,
    state: 'Claimed',
    trigger: { kind: trigger.kind, eventIds: trigger.eventIds.slice(0, 50) },
    explanation: decision.reasons,
    createdAt: now,
    createdBy: ACTOR,
    attempt: 1,
  };
  const { claimed, record } = await deps.releases.claimRun(wanted);
  let current: StoredRunRecord = record;
  let owned = claimed;
  let rule: AutomaticRule = AutomaticRule.NewRelease;
  if (!claimed && record.closed?.kind === 'Abandoned') {
    const why = reason(ReasonCode.TargetAbandoned, `Run ${record.runName} for ${record.target.version} was abandoned by ${record.closed.by ?? 'an operator'} at ${record.closed.at}; only a newer release gets a run.`, { version: record.target.version, matched: record.runName });
    await deps.releases.putEvaluation({ fleetId: fleet.fleetId, evaluatedAt: now, outcome: 'abandoned', target: record.target, runName: record.runName, reasons: [why], warnings });
    return { kind: 'noRun', outcome: 'abandoned', reasons: [why] };
  }
  if (!claimed && record.closed?.kind === 'Completed') {
    // The run completed with every gate passed and the policy still wants its target: members were left behind
    // (skipped or Pending in Fleet). A new run catches them up; the previous one is not touched.
    const attempt = (record.attempt ?? 1) + 1;
    const next: RunRecord = { ...wanted, attempt, runName: `${decision.runName.slice(0, 46)}-r${attempt}` };
    try {
      current = await deps.releases.updateRunRecord(next, record.etag); // the ETag makes this the claim of the catch-up
      owned = true;
      rule = AutomaticRule.CatchUpCompletedRun;
    } catch (error) {
      if (error instanceof ConcurrencyError) return { kind: 'alreadyHandled', runName: record.runName };
      throw error;
    }
  } else if (!claimed && record.state === 'Started') {
    // Reviewed above and neither held nor startable: it is active in Fleet.
    return { kind: 'alreadyHandled', runName: record.runName };
  }
  if (!owned) {
    if (Date.parse(now) - Date.parse(current.createdAt) < CLAIM_TAKEOVER_SECONDS * 1000) return { kind: 'alreadyHandled', runName: current.runName };
    rule = current.state === 'Claimed' ? AutomaticRule.TakeOverStaleClaim : AutomaticRule.StartCreatedRun;
  }
  try {
    return await createAndStart(deps, fleet, current, owned, rule);
  } catch (error) {
    // Another trigger moved the record on between our read and our write: it owns the rest.
    if (error instanceof ConcurrencyError) return { kind: 'alreadyHandled', runName: current.runName };
    throw error;
  }
}

/**
 * A held run blocks the fleet: the evaluation says so (the fleet view and plan show it), the hold is stored on the
 * record with the time it was first seen, and the trail and the alert channel hear about each cause once.
 */
async function hold(deps: ReleaseDeps, fleet: FleetConfig, record: StoredRunRecord, decision: Extract<RunLifecycleDecision, { kind: 'held' }>): Promise<ReleaseOutcome> {
  const now = deps.clock.nowIso();
  const cause = decision.hold;
  const since = record.hold?.cause === cause.cause ? record.hold.since : now;
  const message = `Run ${record.runName} is held since ${since}: ${cause.message}${cause.gateId ? ` (gate ${cause.gateId})` : ''}. Nothing starts in fleet ${fleet.name} until an operator resumes or abandons it.`;
  if (record.hold?.cause !== cause.cause || record.hold.gateId !== cause.gateId) {
    try {
      await deps.releases.updateRunRecord({ ...withoutEtag(record), hold: { ...cause, since } }, record.etag);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error; // another trigger recorded it first
    }
  }
  const id = `${record.runName}/RunHeld/${record.attempt ?? 1}/${cause.cause}/${cause.gateId ?? ''}/${record.operatorActions?.length ?? 0}`;
  await deps.audit.appendAuditEvents([
    { id, at: now, fleetId: fleet.fleetId, runName: record.runName, kind: 'RunHeld', actor: ACTOR, message, ...(cause.gateId ? { gateId: cause.gateId } : {}), data: { cause: cause.cause, since, actions: [...UNBLOCKING_ACTIONS] } },
  ]);
  await deps.outbox.enqueue([
    { id, createdAt: now, channel: 'notifications', payload: { severity: 'error', reason: 'RunHeld', cause: cause.cause, fleet: fleet.name, runName: record.runName, ...(cause.gateId ? { gateId: cause.gateId } : {}), message } },
  ]);
  const why = reason(ReasonCode.RunHeld, message, { version: record.target.version, matched: record.runName });
  await deps.releases.putEvaluation({ fleetId: fleet.fleetId, evaluatedAt: now, outcome: 'blocked', target: record.target, runName: record.runName, reasons: [why], warnings: [] });
  return { kind: 'held', runName: record.runName, hold: cause };
}

async function createAndStart(deps: ReleaseDeps, fleet: FleetConfig, record: StoredRunRecord, claimed: boolean, rule: AutomaticRule): Promise<ReleaseOutcome> {
  const release = fleet.release as NonNullable<FleetConfig['release']>;
  let current = record;
  let runName = record.runName;
  let created = false;
  if (current.state === 'Claimed') {
    const pending = current.pending;
    const overdue = pending !== undefined && isOverdue(pending, deps.clock.nowIso());
    if (pending?.kind !== 'generate') {
      // Fleet snapshots the strategy into the run at creation (UpdateRunProperties.updateStrategyId, Fleet spec): it
      // must exist and match the config right now. No source says what a run snapshots while a write of the strategy
      // is still running, so the harsher reading: nothing is created until Fleet shows the write Succeeded.
      const strategy = await ensureUpdateStrategy(deps.fleet, fleet, { rewriteInProgress: overdue });
      if (overdue && pending && strategy !== 'unchanged') await reportUnconfirmed(deps, fleet, current, pending);
      if (strategy === 'accepted' || strategy === 'inProgress') return recordPending(deps, fleet, current, 'strategy', strategy === 'accepted', overdue);
      if (pending) await audit(deps, current, 'StrategyConfirmed', rule, `Update strategy ${fleet.strategy.name} confirmed (Succeeded, as configured) after Azure accepted its write at ${pending.requestedAt}`);
    }
    if (release.mode === 'profile') {
      const profile = release.autoUpgradeProfile as string;
      // A generateUpdateRun Fleet accepted earlier (or one a crashed trigger sent) shows on the profile's run list:
      // it is adopted, never generated again beside it.
      // Looked up on every claim but a fresh one: a claim that waited on anything (its strategy, a stale trigger's
      // crash) may have a generated run already, and generating beside it would make two runs for one target.
      const fresh = claimed && pending === undefined;
      let name = fresh ? undefined : await deps.runs.findGeneratedRun(fleet.fleetId, profile, current.target);
      if (name === undefined) {
        if (pending?.kind === 'generate' && !overdue) return recordPending(deps, fleet, current, 'generate', false);
        if (pending?.kind === 'generate') await reportUnconfirmed(deps, fleet, current, pending);
        const generated = await deps.runs.generateUpdateRun(fleet.fleetId, profile);
        // 204 "No update run was generated.": nothing was created, so the claim stays unfinished and is retried later.
        if (generated.kind === 'none') return noRunGenerated(deps, fleet, current, rule);
        if (generated.kind === 'accepted') return recordPending(deps, fleet, current, 'generate', true, true);
        name = generated.runName;
      }
      runName = name;
    } else created = (await deps.runs.createUpdateRun(fleet.fleetId, runName, { strategyName: fleet.strategy.name, target: current.target, nodeImageSelection: release.nodeImageSelection })) === 'created';
    current = await deps.releases.updateRunRecord({ ...withoutPending(current), runName, state: 'Created' }, current.etag);
    await audit(deps, current, 'RunCreated', rule, `${release.mode === 'profile' ? `generateUpdateRun on profile ${release.autoUpgradeProfile}` : `Created update run ${runName}`} for ${current.target.kind} ${current.target.version} (${current.trigger.kind}${current.trigger.eventIds.length ? `, ${current.trigger.eventIds.length} event(s)` : ''})`);
  }
  const started = await deps.runs.startUpdateRun(fleet.fleetId, runName);
  await deps.releases.updateRunRecord({ ...withoutEtag(current), state: 'Started' }, current.etag);
  await audit(deps, current, `RunStarted`, rule, `${started === 'started' ? 'Started' : 'Found already started'} update run ${runName} (attempt ${current.attempt ?? 1})`);
  deps.log.info(`Update run ${runName} for ${current.target.version} ${started === 'started' ? 'started' : 'was already started'} (rule ${rule})`, { fleet: fleet.name, claimed });
  return { kind: 'runStarted', runName, created, rule };
}

/**
 * Fleet answered 204 "No update run was generated.": recorded (trail once per claim, and the evaluation says so), no
 * error. A pending request the claim carried is cleared, so later evaluations do not re-confirm it; the claim itself
 * stays unfinished and is taken over (generated again) after the takeover delay.
 */
async function noRunGenerated(deps: ReleaseDeps, fleet: FleetConfig, record: StoredRunRecord, rule: AutomaticRule): Promise<ReleaseOutcome> {
  const message = `Fleet generated no update run for ${record.target.kind} ${record.target.version} on profile ${fleet.release?.autoUpgradeProfile ?? ''} (generateUpdateRun answered 204)`;
  if (record.pending) await deps.releases.updateRunRecord(withoutPending(record), record.etag);
  await audit(deps, record, 'NoRunGenerated', rule, message);
  const why = reason(ReasonCode.NoRunGenerated, `${message}.`, { version: record.target.version, matched: record.runName });
  await deps.releases.putEvaluation({ fleetId: fleet.fleetId, evaluatedAt: deps.clock.nowIso(), outcome: 'noRunGenerated', target: record.target, runName: record.runName, reasons: [why], warnings: [] });
  deps.log.info(message, { fleetId: record.fleetId });
  return { kind: 'noRun', outcome: 'noRunGenerated', reasons: [why] };
}

async function audit(deps: ReleaseDeps, record: RunRecord, kind: string, rule: AutomaticRule, message: string): Promise<void> {
  await deps.audit.appendAuditEvents([
    {
      id: `${record.runName}/${kind}/${record.attempt ?? 1}`,
      at: deps.clock.nowIso(),
      fleetId: record.fleetId,
      runName: record.runName,
      kind,
      actor: ACTOR,
      message: `${message} [rule ${rule}]`,
      data: { rule, target: record.target, trigger: record.trigger, explanation: record.explanation },
    },
  ]);
}
