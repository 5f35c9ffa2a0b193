import { evaluateRelease } from '../../domain/versions/evaluateRelease';
import { reason, ReasonCode } from '../../domain/versions/reasons';
import type { PlannedMember } from '../../domain/versions/planMembers';
import { gatherFleetFacts } from '../releases/gatherFleetFacts';
import type { FleetPlan, PlannedMemberView } from './fleetView';
import { reviewRun } from '../releases/reviewOwnRuns';
import type { HistoryDeps } from '../history/historyDeps';

const view = (m: PlannedMember): PlannedMemberView => ({ name: m.member, current: m.currentVersion, reasons: m.reasons });

/**
 * `GET /api/fleets/{fleet}/plan`: the run the policy would create now, stage by stage, and which members would be
 * skipped or sit Pending, and why — computed from live facts without recording anything.
 */
export async function getFleetPlan(deps: HistoryDeps, fleetName: string): Promise<FleetPlan | undefined> {
  const fleet = deps.config.fleets.find((f) => f.name === fleetName.toLowerCase());
  if (!fleet) return undefined;
  const now = deps.clock.nowIso();
  const stagesOf = (memberGroups: ReadonlyMap<string, string[]>): FleetPlan['stages'] =>
    fleet.strategy.stages.map((s) => ({ name: s.name, groups: s.groups.map((g) => ({ name: g.name, members: memberGroups.get(g.name) ?? [] })) }));
  if (!fleet.release) {
    return { fleet: fleet.name, evaluatedAt: now, outcome: 'noPolicy', stages: stagesOf(new Map()), upgrade: [], skip: [], pending: [], reasons: [reason(ReasonCode.InvalidPolicy, `Fleet ${fleet.name} has no release policy; Conductor only gates runs others create.`)], warnings: [] };
  }
  // What stops a run from being created comes first, read live (nothing is recorded): a pause, then a held run.
  const pause = await deps.releases.getPause(fleet.fleetId);
  if (pause) {
    const why = reason(ReasonCode.FleetPaused, `Fleet ${fleet.name} was paused by ${pause.by} at ${pause.at}: ${pause.reason}. No run is created or started until it is unpaused.`);
    return { fleet: fleet.name, evaluatedAt: now, outcome: 'paused', stages: stagesOf(new Map()), upgrade: [], skip: [], pending: [], reasons: [why], warnings: [] };
  }
  for (const record of (await deps.releases.listRunRecords(fleet.fleetId)).filter((r) => !r.closed && r.state !== 'Claimed')) {
    const decision = await reviewRun(deps, fleet, record);
    if (decision.kind !== 'held') continue;
    const { hold } = decision;
    const since = record.hold?.cause === hold.cause ? ` since ${record.hold.since}` : '';
    const why = reason(
      ReasonCode.RunHeld,
      `Run ${record.runName} (${record.target.version}) is held${since}: ${hold.message}${hold.gateId ? ` (gate ${hold.gateId})` : ''}; resume or abandon it. No run is created or started until then.`,
      { version: record.target.version, matched: record.runName },
    );
    return { fleet: fleet.name, evaluatedAt: now, outcome: 'blocked', target: record.target, runName: record.runName, stages: stagesOf(new Map()), upgrade: [], skip: [], pending: [], reasons: [why], warnings: [] };
  }
  const facts = await gatherFleetFacts(deps, fleet, { record: false });
  const decision = evaluateRelease({ policy: fleet.release.policy, members: facts.members, availability: facts.availability, firstSeen: facts.firstSeen, activeRun: facts.activeRun, now });
  const plan = 'plan' in decision ? decision.plan : undefined;
  const upgrading = new Set((plan?.upgrade ?? []).map((m) => m.member));
  const groups = new Map<string, string[]>();
  for (const m of facts.members) if (m.group && upgrading.has(m.name)) groups.set(m.group, [...(groups.get(m.group) ?? []), m.name]);
  return {
    fleet: fleet.name,
    evaluatedAt: now,
    outcome: decision.outcome,
    ...('target' in decision && decision.target ? { target: decision.target } : {}),
    ...('runName' in decision ? { runName: decision.runName } : {}),
    stages: stagesOf(groups),
    upgrade: (plan?.upgrade ?? []).map(view),
    skip: (plan?.skip ?? []).map(view),
    pending: (plan?.pending ?? []).map(view),
    reasons: decision.reasons,
    warnings: 'warnings' in decision ? decision.warnings : [],
  };
}
