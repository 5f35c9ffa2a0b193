import type { GateEntrySnapshot, MemberSnapshot, RunSnapshot } from '../history/runSnapshot';
import { SCHEDULE_FOR } from '../preflight/checkMaintenance';
import { windowAt } from '../preflight/maintenanceWindow';
import { explainSlowUpgrade } from './explainSlowUpgrade';
import type { RunDiagnosis, StuckCause } from './runDiagnosis';
import type { ApprovalFact, GateFact, RunFacts } from './runFacts';

const FINISHED = new Set(['Completed', 'Failed', 'Stopped', 'Skipped', 'Deleted']);
/** Conductor phases in which a gate still moves by itself (soak, measurements, completing). */
const GATE_MOVING = new Set(['Observed', 'Soaking', 'Checking', 'Approving']);
/**
 * Fleet's member error codes for a target not in the member's region (the Kubernetes one is not documented, see
 * docs/azure-apis.md §6 question 2, so the message is matched too).
 */
const NOT_IN_REGION_CODES = new Set(['kubernetesversionnotavailable', 'nodeimageversionnotavailable']);
const NOT_IN_REGION_MESSAGE = /not (yet )?available in (the )?region|not available in region/i;

interface Located<T> {
  readonly item: T;
  readonly path: string;
}

function members(run: RunSnapshot): Located<MemberSnapshot>[] {
  return run.stages.flatMap((s) => s.groups.flatMap((g) => g.members.map((m) => ({ item: m, path: `${s.name}/${g.name}/${m.name}` }))));
}

function fleetGates(run: RunSnapshot): Located<GateEntrySnapshot>[] {
  return run.stages.flatMap((s) => [...s.gates.map((g) => ({ item: g, path: s.name })), ...s.groups.flatMap((gr) => gr.gates.map((g) => ({ item: g, path: `${s.name}/${gr.name}` })))]);
}

/** Every time the snapshot and Conductor's gates carry: the last of them is the run's last progress. */
function lastProgressAt(facts: RunFacts): string | undefined {
  const times: string[] = [];
  const add = (t: { startTime?: string; completedTime?: string }): void => {
    if (t.startTime) times.push(t.startTime);
    if (t.completedTime) times.push(t.completedTime);
  };
  add(facts.run);
  for (const s of facts.run.stages) {
    add(s);
    if (s.afterStageWait) add(s.afterStageWait);
    s.gates.forEach(add);
    for (const g of s.groups) {
      add(g);
      g.gates.forEach(add);
      g.members.forEach(add);
    }
  }
  for (const g of facts.gates) times.push(g.since);
  const ms = times.map((t) => Date.parse(t)).filter((n) => !Number.isNaN(n));
  return ms.length === 0 ? undefined : new Date(Math.max(...ms)).toISOString();
}

const minutesBetween = (from: string, to: string): number => Math.floor((Date.parse(to) - Date.parse(from)) / 60_000);

function approvalCause(gate: GateFact, request: ApprovalFact | undefined): StuckCause {
  const asked = request ? [...request.asked.users, ...request.asked.groups.map((g) => `group ${g}`), ...request.asked.objectIds.map((o) => `object ${o}`)] : [];
  return {
    kind: 'GateAwaitingApproval',
    subject: gate.displayName,
    since: request?.requestedAt ?? gate.since,
    ...(request ? { until: request.expiresAt } : {}),
    message: request
      ? `Gate ${gate.displayName} waits for approval since ${request.requestedAt}: ${request.approvals} of ${request.asked.quorum} approvals from ${asked.join(', ') || 'nobody named'} (asked through ${request.channels.join(', ') || 'no channel'}); the request expires at ${request.expiresAt}.`
      : `Gate ${gate.displayName} waits for approval since ${gate.since}; the approval request is not on record.`,
    evidence: { gateId: gate.gateId, policyId: gate.policyId, ...(request ? { requestedAt: request.requestedAt, expiresAt: request.expiresAt, asked: request.asked, channels: request.channels, approvals: request.approvals } : {}) },
    fix: `Ask ${asked.join(', ') || 'the approvers'} to decide on the approval page (operators see its link in the run detail), or override the gate (POST …/gates/${gate.gateId}/override) with a reason.`,
  };
}

function inconclusiveCause(gate: GateFact): StuckCause {
  const held = gate.checks.filter((c) => c.phase === 'Inconclusive');
  const why = held.map((c) => {
    const last = gate.lastMeasurement?.evaluations.find((e) => e.checkName === c.name);
    const clusters = (last?.clusters ?? []).map((x) => `${x.clusterId.split('/').pop() ?? x.clusterId} ${x.reason}`);
    return `${c.name}: ${c.reason ?? 'Inconclusive'}${last ? ` (last measurement: ${last.outcome}, ${last.reason}: ${last.message}${clusters.length > 0 ? `; ${clusters.join(', ')}` : ''})` : ''}`;
  });
  return {
    kind: 'GateInconclusive',
    subject: gate.displayName,
    since: gate.since,
    ...(gate.nextProbeAt ? { until: gate.nextProbeAt } : {}),
    message: `Gate ${gate.displayName} is held Inconclusive since ${gate.since}: ${why.join('; ') || gate.enteredBecause?.message || gate.enteredBecause?.reason || 'the checks could not decide'}. It never passes by itself${gate.nextProbeAt ? `; query errors only, so it is measured again at ${gate.nextProbeAt}` : ''}.`,
    evidence: {
      gateId: gate.gateId,
      policyId: gate.policyId,
      ...(gate.enteredBecause ? { enteredBecause: gate.enteredBecause } : {}),
      checks: held.map((c) => ({ name: c.name, reason: c.reason, lastOutcome: c.lastOutcome, inconclusive: c.inconclusive, errors: c.errors })),
      ...(gate.lastMeasurement ? { lastMeasurement: gate.lastMeasurement } : {}),
    },
    fix: `Find why the checks have no usable data (run GET /api/fleets/{fleet}/preflight: workspace and collection preset), then retry the gate (POST …/gates/${gate.gateId}/retry), or override it (…/override) with a reason.`,
  };
}

function memberPendingCause(facts: RunFacts, located: Located<MemberSnapshot>): StuckCause {
  const m = located.item;
  const code = m.error?.code ?? '';
  const text = `${m.message ?? ''} ${m.error?.message ?? ''}`.trim();
  const base = { subject: m.name, ...(m.startTime ? { since: m.startTime } : {}) };
  const fleetSays = { path: located.path, ...(m.message ? { message: m.message } : {}), ...(m.error ? { error: m.error } : {}) };
  if (NOT_IN_REGION_CODES.has(code.toLowerCase()) || NOT_IN_REGION_MESSAGE.test(text)) {
    const what = code.toLowerCase().startsWith('nodeimage') ? 'node image' : 'Kubernetes version';
    return {
      ...base,
      kind: 'MemberPendingVersionNotInRegion',
      message: `Member ${m.name} is Pending: the target ${what}${facts.run.target?.kind === 'kubernetes' ? ` ${facts.run.target.version}` : ''} is not yet available in its region (Fleet: ${text || code}). Fleet retries it when the region gets it.`,
      evidence: { ...fleetSays, ...(facts.run.target ? { target: facts.run.target } : {}) },
      fix: `Wait for the release to reach the member's region (GET /api/fleets/{fleet}/plan shows regional availability), or skip the member (POST …/skip) to let the run finish without it.`,
    };
  }
  const kind = facts.run.target?.kind === 'nodeimage' ? 'nodeimage' : 'kubernetes';
  const schedule = SCHEDULE_FOR[kind];
  const config = facts.maintenance.find((x) => x.member === m.name)?.configurations.find((c) => c.name.toLowerCase() === schedule.toLowerCase());
  const window = config?.maintenanceWindow ? windowAt(config.maintenanceWindow, facts.now) : undefined;
  if ((window && !window.open) || /maintenance/i.test(text)) {
    return {
      ...base,
      kind: 'MemberPendingMaintenanceWindow',
      ...(window?.nextOpeningAt ? { until: window.nextOpeningAt } : {}),
      message: `Member ${m.name} is Pending: its maintenance window ${schedule} is closed${window?.nextOpeningAt ? ` until ${window.nextOpeningAt}` : ''}.`,
      evidence: { ...fleetSays, configuration: schedule, ...(config?.maintenanceWindow ? { maintenanceWindow: config.maintenanceWindow } : {}), ...(window?.nextOpeningAt ? { nextOpeningAt: window.nextOpeningAt } : {}) },
      fix: window?.nextOpeningAt
        ? `Nothing to do if ${window.nextOpeningAt} is acceptable; otherwise widen the window (az aks maintenanceconfiguration update --name ${schedule}) or skip the member (POST …/skip).`
        : `Widen the window (az aks maintenanceconfiguration update --name ${schedule}) or skip the member (POST …/skip).`,
    };
  }
  return {
    ...base,
    kind: 'MemberPending',
    message: `Member ${m.name} is Pending: ${text || 'Fleet gives no reason'}.`,
    evidence: fleetSays,
    fix: 'Resolve what Fleet names, or skip the member (POST …/skip) to let the run go on without it.',
  };
}

function slowUpgradeCause(facts: RunFacts, located: Located<MemberSnapshot>, minutes: number): StuckCause {
  const m = located.item;
  const explanation = explainSlowUpgrade(facts.warningEvents.filter((e) => e.clusterResourceId.toLowerCase() === (m.clusterResourceId ?? '').toLowerCase()));
  const pdb = explanation.explainedBy === 'PodDisruptionBudget' ? explanation.events[0] : undefined;
  const unread = facts.unread.find((u) => u.what === 'warningEvents');
  return {
    kind: 'MemberUpgradeSlow',
    subject: m.name,
    ...(m.startTime ? { since: m.startTime } : {}),
    message:
      `Member ${m.name} has been upgrading for ${minutes} minutes (expected at most ${facts.policy.memberUpgradeExpectedMinutes})` +
      (pdb
        ? `: an eviction is blocked by a PodDisruptionBudget (${pdb.objectKind} ${pdb.namespace}/${pdb.name}, ${pdb.reason}: ${pdb.message}).`
        : explanation.explainedBy === 'WarningEvents'
          ? `; its cluster reports Warning events: ${explanation.events.slice(0, 3).map((e) => `${e.reason} on ${e.objectKind} ${e.namespace}/${e.name}`).join('; ')}.`
          : unread
            ? `; its Warning events could not be read (${unread.error}).`
            : '; its cluster reports no Warning event since the upgrade started.'),
    evidence: { path: located.path, startTime: m.startTime, clusterResourceId: m.clusterResourceId, explainedBy: explanation.explainedBy, warningEvents: explanation.events.slice(0, 10) },
    fix: pdb
      ? `Let the PodDisruptionBudget allow one disruption (kubectl get pdb -A: ALLOWED DISRUPTIONS must be at least 1; scale the workload up or relax minAvailable/maxUnavailable); AKS fails the upgrade when its drain timeout passes (upgradeSettings.drainTimeoutInMinutes).`
      : `Look at the cluster (kubectl get events -A --field-selector type=Warning; az aks show for its provisioning state); AKS fails the upgrade when its drain timeout passes.`,
  };
}

/**
 * Why an active run is not progressing, from facts alone (pure). Causes: Conductor gates awaiting approval, held
 * Inconclusive or held after an expired approval; Fleet gates Pending that Conductor does not own; members Pending
 * (target not in region, maintenance window closed, other); members upgrading longer than the policy expects, with
 * the Warning events that explain it. The run is `stuck` when it has causes and nothing of it is in flight.
 */
export function diagnoseRun(facts: RunFacts): RunDiagnosis {
  const { run, now } = facts;
  const base = { diagnosedAt: now, unread: facts.unread };
  const last = lastProgressAt(facts);
  if (FINISHED.has(run.state)) return { ...base, state: 'finished', ...(last ? { lastProgressAt: last } : {}), causes: [], inFlight: [] };
  if (run.state === 'NotStarted') return { ...base, state: 'notStarted', causes: [], inFlight: [] };

  const causes: StuckCause[] = [];
  const inFlight: string[] = [];
  const owned = new Map(facts.gates.map((g) => [g.gateId, g]));
  for (const gate of facts.gates) {
    if (gate.phase === 'AwaitingApproval') causes.push(approvalCause(gate, facts.approvals.find((a) => a.gateId === gate.gateId)));
    else if (gate.phase === 'Inconclusive') causes.push(inconclusiveCause(gate));
    else if (gate.phase === 'Expired' && gate.onExpire === 'hold') {
      causes.push({
        kind: 'GateExpiredHeld',
        subject: gate.displayName,
        since: gate.since,
        message: `Gate ${gate.displayName}'s approval expired at ${gate.since} and its policy holds the gate (onExpire: hold).`,
        evidence: { gateId: gate.gateId, policyId: gate.policyId },
        fix: `Retry the gate (POST …/gates/${gate.gateId}/retry) to ask again, or override it with a reason.`,
      });
    } else if (GATE_MOVING.has(gate.phase)) inFlight.push(`gate ${gate.displayName} (${gate.phase})`);
  }
  for (const { item: g, path } of fleetGates(run)) {
    if (g.state !== 'Pending') continue;
    if (g.gateId && owned.has(g.gateId)) continue;
    const ours = g.displayName.startsWith('conductor:');
    causes.push({
      kind: 'GatePendingNotOwned',
      subject: g.displayName,
      ...(g.startTime ? { since: g.startTime } : {}),
      message: ours
        ? `Fleet gate ${g.displayName} at ${path} is Pending and Conductor has not taken it up yet (the next reconcile does).`
        : `Fleet gate ${g.displayName} at ${path} is Pending; Conductor does not own it (its display name has no conductor: prefix), so someone must complete it in Fleet.`,
      evidence: { path, timing: g.timing, ...(g.gateId ? { gateId: g.gateId } : {}) },
      fix: ours ? 'Wait for the next reconcile tick, or check /api/health for reconcile errors.' : `Complete the gate in Fleet (az fleet gate approve --gate-name ${g.gateId ?? '<gate>'}) when its condition is met.`,
    });
  }
  for (const s of run.stages) if (s.afterStageWait?.state === 'Running') inFlight.push(`after-stage wait of ${s.name}`);
  for (const located of members(run)) {
    const m = located.item;
    if (m.state === 'Pending') causes.push(memberPendingCause(facts, located));
    else if (m.state === 'Running' && m.startTime) {
      const minutes = minutesBetween(m.startTime, now);
      if (minutes > facts.policy.memberUpgradeExpectedMinutes) causes.push(slowUpgradeCause(facts, located, minutes));
      else inFlight.push(`member ${m.name} upgrading`);
    }
  }
  if (run.state === 'Stopping') inFlight.push('run stopping');
  const stuck = causes.length > 0 && inFlight.length === 0;
  return {
    ...base,
    state: stuck ? 'stuck' : 'progressing',
    ...(last ? { lastProgressAt: last } : {}),
    ...(stuck && last ? { stuckForMinutes: Math.max(0, minutesBetween(last, now)) } : {}),
    causes,
    inFlight,
  };
}
