import { buildTimeline } from './buildTimeline';
import type { RunDetail } from './runDetail';
import { approvalHistory } from './approvalHistory';
import type { HistoryDeps } from './historyDeps';
import { FINISHED_RUN_STATES } from '../../ports';
import { diagnoseRun } from '../../domain/diagnosis/diagnoseRun';
import { gatherRunFacts } from '../diagnosis/gatherRunFacts';

/** What run detail reads: run history, the run's own partitions, approvals and (for active runs) the diagnosis. */
export type RunDetailDeps = Pick<HistoryDeps, 'config' | 'history' | 'releases' | 'gates' | 'evidence' | 'audit' | 'clock' | 'approvals' | 'diagnosis'>;

/** `GET /api/runs/{fleet}/{run}`: undefined when neither the fleet nor the run is known. */
export async function getRunDetail(deps: RunDetailDeps, fleetName: string, runName: string, options: { readonly operator?: boolean } = {}): Promise<RunDetail | undefined> {
  const fleet = deps.config.fleets.find((f) => f.name === fleetName.toLowerCase());
  if (!fleet) return undefined;
  // One round of four flat reads (two point reads, the run's gate rows, its audit partition), then one round of the
  // reads that need the gates (evidence per gate, approval ledgers, the diagnosis of an active run), each round in
  // parallel: nothing here grows with history, and the request waits for two round trips (more only for an active
  // run's diagnosis). A run that is not known costs two reads it did not need, for one round trip less on every
  // run that is.
  const [run, record, states, events] = await Promise.all([
    deps.history.getRun(fleet.name, runName),
    deps.releases.getRunRecord(fleet.fleetId, runName),
    deps.gates.listRunGates(fleet.fleetId, runName),
    deps.audit.listAuditEvents(fleet.fleetId, runName),
  ]);
  if (!run) return undefined;
  const [gates, approvals, diagnosis] = await Promise.all([
    Promise.all(states.map(async (state) => ({ state, evidence: await deps.evidence.listEvidence({ fleetId: fleet.fleetId, runName, gateId: state.gate.gateId }) }))),
    approvalHistory(deps.approvals, states, { includeLinks: options.operator === true, now: deps.clock.nowIso() }),
    deps.diagnosis && !FINISHED_RUN_STATES.includes(run.state) ? gatherRunFacts(deps.diagnosis, fleet, run, 'full').then(diagnoseRun) : undefined,
  ]);
  return {
    run: record ? { ...run, createdBy: record.createdBy } : run,
    ...(record
      ? { creation: { trigger: record.trigger, explanation: record.explanation, createdBy: record.createdBy, createdAt: record.createdAt, attempt: record.attempt ?? 1 } }
      : {}),
    gates,
    approvals,
    events,
    timeline: buildTimeline(run, gates, events),
    ...(diagnosis ? { diagnosis } : {}),
  };
}
