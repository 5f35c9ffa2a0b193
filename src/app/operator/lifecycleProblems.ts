import type { HistoryDeps } from '../history/historyDeps';

/**
 * What degrades the app for /api/health on the lifecycle side: fleets blocked by a held run, and gates held
 * Inconclusive in runs still open. Health is anonymous, so each line names the fleet and a count, not runs or
 * gates (GET /api/fleets/{fleet} has the details for callers with a key).
 */
export async function lifecycleProblems(deps: HistoryDeps): Promise<string[]> {
  const problems: string[] = [];
  for (const fleet of deps.config.fleets) {
    const open = (await deps.releases.listRunRecords(fleet.fleetId)).filter((r) => r.closed === undefined);
    if (open.some((r) => r.hold !== undefined)) problems.push(`fleet ${fleet.name}: blocked by a held run (an operator must resume or abandon it)`);
    let held = 0;
    for (const record of open) held += (await deps.gates.listRunGates(fleet.fleetId, record.runName)).filter((g) => g.phase.name === 'Inconclusive').length;
    if (held > 0) problems.push(`fleet ${fleet.name}: ${held} gate(s) held Inconclusive`);
  }
  return problems;
}
