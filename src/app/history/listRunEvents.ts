import type { AuditEvent } from '../../ports';
import type { HistoryDeps } from './historyDeps';

/** `GET /api/runs/{fleet}/{run}/events`: the audit trail of a known run (undefined when fleet or run is unknown). */
export async function listRunEvents(
  deps: HistoryDeps,
  fleetName: string,
  runName: string,
): Promise<readonly AuditEvent[] | undefined> {
  const fleet = deps.config.fleets.find((f) => f.name === fleetName.toLowerCase());
  if (!fleet || !(await deps.history.getRun(fleet.name, runName))) return undefined;
  return deps.audit.listAuditEvents(fleet.fleetId, runName);
}
