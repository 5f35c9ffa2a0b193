import type { RunSnapshot } from '../../domain/history/runSnapshot';
import type { ListRunsQuery, RunPage, RunSummary } from './runSummary';
import type { HistoryDeps } from './historyDeps';

export function toRunSummary(r: RunSnapshot): RunSummary {
  return {
    fleet: r.fleetName,
    run: r.runName,
    state: r.state,
    ...(r.target ? { target: r.target } : {}),
    createdAt: r.createdAt,
    ...(r.startTime ? { startedAt: r.startTime } : {}),
    ...(r.completedTime ? { completedAt: r.completedTime } : {}),
    createdBy: r.createdBy,
    observedAt: r.observedAt,
  };
}

/**
 * `GET /api/runs`: newest first, one page (one partition query); the token continues exactly this query. Runs
 * Conductor created already say so in history (RunCreators, when the snapshot was written).
 */
export async function listRuns(deps: HistoryDeps, query: ListRunsQuery): Promise<RunPage> {
  const page = await deps.history.listRuns(query);
  return { items: page.items.map(toRunSummary), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
}
