import type { FleetConfig } from '../../domain/config/conductorConfig';
import type { GateState } from '../../domain/gates/gateState';
import type { MemberSnapshot, RunSnapshot } from '../../domain/history/runSnapshot';
import type { ApprovalFact, GateFact, RunFacts, UnreadFact, WarningEventFact } from '../../domain/diagnosis/runFacts';
import { renderWarningEventsQuery, toWarningEvents } from '../../domain/diagnosis/warningEventsQuery';
import { queryTimespan } from '../../domain/checks/checkQuery';
import type { MaintenanceConfiguration } from '../../domain/preflight/maintenanceWindow';
import type { DiagnosisDeps } from './diagnosisDeps';

/** At most this many Pending members get their maintenance configurations read (one ARM GET each) per diagnosis. */
export const MAX_MAINTENANCE_READS = 10;
const NOT_IN_REGION = /notavailable$/i;

/** Which facts to gather beyond Conductor's own state: `cheap` reads Table Storage only (the reconcile tick's pass). */
export type FactDepth = 'cheap' | 'full';

function toGateFact(state: GateState, lastMeasurement: GateFact['lastMeasurement']): GateFact {
  const phase = state.phase;
  // Phases that carry no time of their own (Observed, Soaking, Checking) entered it with the last history entry.
  const since = 'since' in phase ? phase.since : 'at' in phase ? phase.at : (state.history.at(-1)?.at ?? state.observedAt);
  const last = state.history.at(-1);
  return {
    gateId: state.gate.gateId,
    displayName: state.gate.displayName,
    policyId: state.policy.id,
    phase: phase.name,
    since,
    ...(last ? { enteredBecause: { reason: last.reason, ...(last.message ? { message: last.message } : {}) } } : {}),
    checks: state.checks.map((c) => ({ name: c.name, phase: c.phase, ...(c.reason ? { reason: c.reason } : {}), ...(c.lastOutcome ? { lastOutcome: c.lastOutcome } : {}), inconclusive: c.inconclusive, errors: c.errors })),
    ...(lastMeasurement ? { lastMeasurement } : {}),
    ...(phase.name === 'Inconclusive' && phase.recovery ? { nextProbeAt: phase.recovery.nextProbeAt } : {}),
    ...(phase.name === 'Expired' ? { onExpire: phase.onExpire } : {}),
  };
}

function allMembers(run: RunSnapshot): MemberSnapshot[] {
  return run.stages.flatMap((s) => s.groups.flatMap((g) => g.members));
}

/**
 * The facts diagnoseRun needs for one run, with bounded reads: the run's gates (one Table query), the latest
 * evidence of held gates and the ledgers of gates awaiting approval (one Table read each); with `full`, the
 * maintenance configurations of Pending members not explained by their region (at most MAX_MAINTENANCE_READS ARM
 * GETs) and ONE KubeEvents query for all members upgrading longer than expected.
 */
export async function gatherRunFacts(deps: DiagnosisDeps, fleet: FleetConfig, run: RunSnapshot, depth: FactDepth): Promise<RunFacts> {
  const now = deps.clock.nowIso();
  const states = await deps.gates.listRunGates(fleet.fleetId, run.runName);
  const unread: UnreadFact[] = [];
  const gates = await Promise.all(
    states.map(async (s) => {
      if (s.phase.name !== 'Inconclusive') return toGateFact(s, undefined);
      const evidence = await deps.evidence.listEvidence({ fleetId: fleet.fleetId, runName: run.runName, gateId: s.gate.gateId });
      const latest = evidence.at(-1);
      if (!latest) return toGateFact(s, undefined);
      const evaluations = latest.evaluations.map((e) => ({
        checkName: e.checkName,
        outcome: e.outcome,
        reason: e.reason,
        message: e.message,
        clusters: e.perCluster.filter((x) => x.outcome !== 'Successful').slice(0, 10).map((x) => ({ clusterId: x.clusterId, outcome: x.outcome, reason: x.reason })),
      }));
      return toGateFact(s, { at: latest.at, evaluations });
    }),
  );
  const approvals: ApprovalFact[] = [];
  if (deps.approvals) {
    for (const s of states.filter((x) => x.phase.name === 'AwaitingApproval')) {
      const ledger = (await deps.approvals.getLedger(fleet.fleetId, s.gate.gateId))?.ledger;
      if (!ledger) continue;
      approvals.push({
        gateId: s.gate.gateId,
        requestedAt: ledger.requestedAt,
        expiresAt: ledger.expiresAt,
        asked: { users: ledger.policy.approvers.users, objectIds: ledger.policy.approvers.objectIds, groups: ledger.policy.approvers.groups, quorum: ledger.policy.quorum },
        channels: Object.keys(ledger.policy.channels ?? {}),
        approvals: new Set(ledger.decisions.filter((d) => d.decision === 'approve').map((d) => d.by.objectId ?? d.by.name)).size,
      });
    }
  }
  const maintenance: { member: string; configurations: readonly MaintenanceConfiguration[] }[] = [];
  let warningEvents: WarningEventFact[] = [];
  if (depth === 'full') {
    const members = allMembers(run);
    const pending = members.filter((m) => m.state === 'Pending' && m.clusterResourceId && !NOT_IN_REGION.test(m.error?.code ?? '')).slice(0, MAX_MAINTENANCE_READS);
    const arm = deps.preflight;
    if (pending.length > 0 && !arm) unread.push({ what: 'maintenanceConfigurations', subject: 'Pending members', error: 'not wired in this composition' });
    for (const m of arm ? pending : []) {
      const r = await arm!.listMaintenanceConfigurations(m.clusterResourceId!);
      if (r.ok) maintenance.push({ member: m.name, configurations: r.value });
      else unread.push({ what: 'maintenanceConfigurations', subject: m.name, error: `${r.error.status}${r.error.code ? ` ${r.error.code}` : ''}: ${r.error.message}` });
    }
    const slow = members.filter((m) => m.state === 'Running' && m.startTime && m.clusterResourceId && Date.parse(now) - Date.parse(m.startTime) > deps.policy.memberUpgradeExpectedMinutes * 60_000);
    if (slow.length > 0) {
      if (!deps.logs) unread.push({ what: 'warningEvents', subject: `workspace ${fleet.logAnalyticsWorkspaceId}`, error: 'not wired in this composition' });
      else {
        const since = new Date(Math.min(...slow.map((m) => Date.parse(m.startTime!)))).toISOString();
        const query = renderWarningEventsQuery(slow.map((m) => m.clusterResourceId!), since, now);
        const result = await deps.logs.query(fleet.logAnalyticsWorkspaceId, query.text, queryTimespan(query));
        if ('error' in result) unread.push({ what: 'warningEvents', subject: `workspace ${fleet.logAnalyticsWorkspaceId}`, error: `${result.error.code ? `${result.error.code}: ` : ''}${result.error.message}` });
        else warningEvents = toWarningEvents(result);
      }
    }
  }
  return { now, run, gates, approvals, maintenance, warningEvents, unread, policy: deps.policy };
}
