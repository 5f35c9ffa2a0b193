import type { ConductorConfig } from '../../domain/config/conductorConfig';
import type { AuditLog, EvidenceStore, GateStore, ReleaseStore, RunHistoryStore } from '../../ports';
import { buildTimeline } from './buildTimeline';
import type { RunDetail } from './runDetail';
import { approvalHistory } from './approvalHistory';
import type { ApprovalDeps } from '../approvals/approvalDeps';
import { FINISHED_RUN_STATES } from '../../ports';
import type { DiagnosisDeps } from '../diagnosis/diagnosisDeps';
import { diagnoseRun } from '../../domain/diagnosis/diagnoseRun';
import { gatherRunFacts } from '../diagnosis/gatherRunFacts';

export interface RunDetailDeps {
  readonly config: ConductorConfig;
  readonly history: RunHistoryStore;
  readonly gates: GateStore;
  readonly evidence: EvidenceStore;
  readonly audit: AuditLog;
  readonly releases: ReleaseStore;
  /** Approval ledgers (and the link signer) when approvals are wired. */
  readonly approvals?: ApprovalDeps;
  readonly clock?: { nowIso(): string };
  /** Stuck-run diagnosis of active runs; absent: the detail has no `diagnosis`. */
  readonly diagnosis?: DiagnosisDeps;
}

/** `GET /api/runs/{fleet}/{run}`: undefined when neither the fleet nor the run is known. */
export async function getRunDetail(deps: RunDetailDeps, fleetName: string, runName: string, options: { readonly operator?: boolean } = {}): Promise<RunDetail | undefined> {
  const fleet = deps.config.fleets.find((f) => f.name === fleetName.toLowerCase());
  if (!fleet) return undefined;
  const run = await deps.history.getRun(fleet.name, runName);
  if (!run) return undefined;
  const [states, events, records] = await Promise.all([
    deps.gates.listRunGates(fleet.fleetId, runName),
    deps.audit.listAuditEvents(fleet.fleetId, runName),
    deps.releases.listRunRecords(fleet.fleetId),
  ]);
  const gates = await Promise.all(states.map(async (state) => ({ state, evidence: await deps.evidence.listEvidence({ fleetId: fleet.fleetId, runName, gateId: state.gate.gateId }) })));
  const record = records.find((r) => r.runName === runName);
  const diagnosis = deps.diagnosis && !FINISHED_RUN_STATES.includes(run.state) ? diagnoseRun(await gatherRunFacts(deps.diagnosis, fleet, run, 'full')) : undefined;
  return {
    run: record ? { ...run, createdBy: record.createdBy } : run,
    ...(record
      ? { creation: { trigger: record.trigger, explanation: record.explanation, createdBy: record.createdBy, createdAt: record.createdAt, attempt: record.attempt ?? 1 } }
      : {}),
    gates,
    approvals: await approvalHistory(deps.approvals, states, { includeLinks: options.operator === true, now: deps.clock?.nowIso() ?? new Date(0).toISOString() }),
    events,
    timeline: buildTimeline(run, gates, events),
    ...(diagnosis ? { diagnosis } : {}),
  };
}
