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
  // Two point reads, then the run's own partitions (gates, trail, evidence per gate): nothing here grows with history.
  const [run, record] = await Promise.all([deps.history.getRun(fleet.name, runName), deps.releases.getRunRecord(fleet.fleetId, runName)]);
  if (!run) return undefined;
  const [states, events] = await Promise.all([deps.gates.listRunGates(fleet.fleetId, runName), deps.audit.listAuditEvents(fleet.fleetId, runName)]);
  const gates = await Promise.all(states.map(async (state) => ({ state, evidence: await deps.evidence.listEvidence({ fleetId: fleet.fleetId, runName, gateId: state.gate.gateId }) })));
  const diagnosis = deps.diagnosis && !FINISHED_RUN_STATES.includes(run.state) ? diagnoseRun(await gatherRunFacts(deps.diagnosis, fleet, run, 'full')) : undefined;
  return {
    run: record ? { ...run, createdBy: record.createdBy } : run,
    ...(record
      ? { creation: { trigger: record.trigger, explanation: record.explanation, createdBy: record.createdBy, createdAt: record.createdAt, attempt: record.attempt ?? 1 } }
      : {}),
    gates,
    approvals: await approvalHistory(deps.approvals, states, { includeLinks: options.operator === true, now: deps.clock.nowIso() }),
    events,
    timeline: buildTimeline(run, gates, events),
    ...(diagnosis ? { diagnosis } : {}),
  };
}
