import type { FleetConfig } from '../../domain/config/conductorConfig';
import { evaluateRelease } from '../../domain/versions/evaluateRelease';
import type { Reason } from '../../domain/versions/reasons';
import { ConcurrencyError, type RunRecord, type StoredRunRecord } from '../../ports';
import { ensureUpdateStrategy } from '../gates/ensureUpdateStrategy';
import { gatherFleetFacts } from './gatherFleetFacts';
import type { ReleaseDeps } from './releaseDeps';

export interface ReleaseTrigger {
  readonly kind: 'event' | 'poll';
  readonly eventIds: readonly string[];
}

export type ReleaseOutcome =
  | { readonly kind: 'disabled' }
  | { readonly kind: 'runStarted'; readonly runName: string; readonly created: boolean }
  | { readonly kind: 'alreadyHandled'; readonly runName: string }
  | { readonly kind: 'noRun'; readonly outcome: string; readonly reasons: readonly Reason[] };

const FINISHED = new Set(['completed', 'stopped', 'failed', 'skipped']);
const RESTARTABLE = new Set(['stopped', 'failed']);
const ACTOR = 'fleet-conductor';
// A claim younger than this belongs to a trigger still creating the run; an older unfinished one was abandoned (crash).
const CLAIM_TAKEOVER_SECONDS = 120;

/**
 * Re-evaluates a fleet against its version policy (level-triggered: facts are read fresh, whatever the trigger) and,
 * when the policy allows a run, creates and starts exactly one: a conditional insert keyed by (fleet, target) decides
 * which trigger owns it, the PUT carries `If-None-Match: *`, and a start of a started run is a no-op. The decision
 * and its reasons are recorded either way, so "why no run?" always has an answer.
 */
export async function detectReleases(deps: ReleaseDeps, fleet: FleetConfig, trigger: ReleaseTrigger): Promise<ReleaseOutcome> {
  const release = fleet.release;
  if (!release) return { kind: 'disabled' };
  let facts = await gatherFleetFacts(deps, fleet);
  const now = deps.clock.nowIso();
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
  if (!claimed && record.state === 'Started') {
    // This target already had a run. The policy still wants it, so members are still below it: catch them up.
    const previous = await deps.fleet.getUpdateRun(fleet.fleetId, record.runName);
    const state = previous?.state.toLowerCase() ?? 'missing';
    if (!FINISHED.has(state) && state !== 'missing') return { kind: 'alreadyHandled', runName: record.runName };
    const attempt = (record.attempt ?? 1) + 1;
    const restart = RESTARTABLE.has(state);
    const next: RunRecord = {
      ...wanted,
      attempt,
      runName: restart ? record.runName : `${decision.runName.slice(0, 46)}-r${attempt}`,
      state: restart ? 'Created' : 'Claimed',
    };
    try {
      current = await deps.releases.updateRunRecord(next, record.etag); // the ETag makes this the claim of the catch-up
      owned = true;
    } catch (error) {
      if (error instanceof ConcurrencyError) return { kind: 'alreadyHandled', runName: record.runName };
      throw error;
    }
  }
  if (!owned && current.state !== 'Started' && Date.parse(now) - Date.parse(current.createdAt) < CLAIM_TAKEOVER_SECONDS * 1000) {
    return { kind: 'alreadyHandled', runName: current.runName };
  }
  try {
    return await createAndStart(deps, fleet, current, owned);
  } catch (error) {
    // Another trigger moved the record on between our read and our write: it owns the rest.
    if (error instanceof ConcurrencyError) return { kind: 'alreadyHandled', runName: current.runName };
    throw error;
  }
}

async function createAndStart(deps: ReleaseDeps, fleet: FleetConfig, record: StoredRunRecord, claimed: boolean): Promise<ReleaseOutcome> {
  const release = fleet.release as NonNullable<FleetConfig['release']>;
  let current = record;
  let runName = record.runName;
  let created = false;
  if (current.state === 'Claimed') {
    // Fleet snapshots the strategy into the run at creation: it must exist, and match the config, right now.
    await ensureUpdateStrategy(deps.fleet, fleet);
    if (release.mode === 'profile') {
      const generated = await deps.runs.generateUpdateRun(fleet.fleetId, release.autoUpgradeProfile as string);
      // 204 "No update run was generated.": nothing was created, so the claim stays unfinished and is retried later.
      if (generated === undefined) return noRunGenerated(deps, current);
      runName = generated;
    } else created = (await deps.runs.createUpdateRun(fleet.fleetId, runName, { strategyName: fleet.strategy.name, target: current.target, nodeImageSelection: release.nodeImageSelection })) === 'created';
    current = await deps.releases.updateRunRecord({ ...current, runName, state: 'Created' }, current.etag);
    await audit(deps, current, 'RunCreated', `${release.mode === 'profile' ? `generateUpdateRun on profile ${release.autoUpgradeProfile}` : `Created update run ${runName}`} for ${current.target.kind} ${current.target.version} (${current.trigger.kind}${current.trigger.eventIds.length ? `, ${current.trigger.eventIds.length} event(s)` : ''})`);
  }
  const started = await deps.runs.startUpdateRun(fleet.fleetId, runName);
  await deps.releases.updateRunRecord({ ...current, state: 'Started' }, current.etag);
  await audit(deps, current, `RunStarted`, `${started === 'started' ? 'Started' : 'Found already started'} update run ${runName} (attempt ${current.attempt ?? 1})`);
  deps.log.info(`Update run ${runName} for ${current.target.version} ${started === 'started' ? 'started' : 'was already started'}`, { fleet: fleet.name, claimed });
  return { kind: 'runStarted', runName, created };
}

async function noRunGenerated(deps: ReleaseDeps, record: RunRecord): Promise<ReleaseOutcome> {
  const message = `Fleet generated no update run for ${record.target.kind} ${record.target.version} (generateUpdateRun answered 204)`;
  await audit(deps, record, 'NoRunGenerated', message);
  deps.log.info(message, { fleetId: record.fleetId });
  return { kind: 'noRun', outcome: 'noRunGenerated', reasons: [] };
}

async function audit(deps: ReleaseDeps, record: RunRecord, kind: string, message: string): Promise<void> {
  await deps.audit.appendAuditEvents([
    {
      id: `${record.runName}/${kind}/${record.attempt ?? 1}`,
      at: deps.clock.nowIso(),
      fleetId: record.fleetId,
      runName: record.runName,
      kind,
      actor: ACTOR,
      message,
      data: { target: record.target, trigger: record.trigger, explanation: record.explanation },
    },
  ]);
}
