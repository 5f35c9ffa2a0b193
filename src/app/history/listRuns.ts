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
 * `GET /api/runs`: newest first, one page; the token continues exactly this query. Runs Conductor created say so
 * (from its run records, one read per fleet on the page), whatever identity Fleet recorded as their creator.
 */
export async function listRuns(deps: HistoryDeps, query: ListRunsQuery): Promise<RunPage> {
  const page = await deps.history.listRuns(query);
  const fleets = [...new Map(page.items.map((r) => [r.fleetId.toLowerCase(), r.fleetId])).values()];
  const createdBy = new Map<string, string>();
  for (const records of await Promise.all(fleets.map((f) => deps.releases.listRunRecords(f)))) {
    for (const r of records) createdBy.set(`${r.fleetId.toLowerCase()}|${r.runName}`, r.createdBy);
  }
  const items = page.items.map((r) => toRunSummary({ ...r, createdBy: createdBy.get(`${r.fleetId.toLowerCase()}|${r.runName}`) ?? r.createdBy }));
  return { items, ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
}
