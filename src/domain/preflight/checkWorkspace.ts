import type { QueryResult } from '../checks/checkEvaluation';
import type { PreflightFinding } from './preflightFinding';
import { FRESH_MINUTES } from './workspaceQuery';

export interface WorkspaceMember {
  readonly name: string;
  readonly clusterResourceId: string;
}

export interface WorkspaceExpectation {
  readonly workspaceId: string;
  /** Tables every member must send (the baseline and those the fleet's gate checks read), with the checks needing each. */
  readonly tables: Readonly<Record<string, readonly string[]>>;
  readonly now: string;
}

/**
 * Whether a failed query was refused for lack of access: Log Analytics answers 403 with `InsufficientAccessError`
 * (or `AuthorizationFailed` through ARM); the adapter reports the code, or `Http403` when the body has none.
 */
export function isAccessRefusal(error: { readonly code?: string; readonly message: string }): boolean {
  return /403|forbidden|authorization|insufficientaccess/i.test(`${error.code ?? ''} ${error.message}`);
}

/**
 * Findings from the freshness query's answer: a workspace the query could not reach (a 403 is left to the
 * permission findings), and for each member each expected table with no row in the window (NoData) or none within
 * FRESH_MINUTES (StaleData). Without fresh rows a gate's checks come back Inconclusive and the gate holds.
 */
export function checkWorkspace(result: QueryResult, members: readonly WorkspaceMember[], expect: WorkspaceExpectation): PreflightFinding[] {
  if ('error' in result) {
    if (isAccessRefusal(result.error)) return [];
    return [
      {
        area: 'workspace',
        code: 'WorkspaceUnreachable',
        severity: 'error',
        subject: expect.workspaceId,
        message: `The Log Analytics workspace ${expect.workspaceId} did not answer the freshness query: ${result.error.message}`,
        evidence: { workspaceId: expect.workspaceId, error: result.error },
        fix: 'Check logAnalyticsWorkspaceId in conductor.yaml (the workspace GUID, not its resource id) and that the workspace exists.',
      },
    ];
  }
  const col = (name: string): number => result.columns.findIndex((c) => c.name === name);
  const [iTable, iResource, iLast] = [col('SourceTable'), col('ResourceId'), col('LastSeen')];
  const lastSeen = new Map<string, string>();
  const tablesSeen = new Map<string, string[]>();
  for (const row of result.rows) {
    const resource = String(row[iResource]).toLowerCase();
    lastSeen.set(`${String(row[iTable])}|${resource}`, String(row[iLast]));
    tablesSeen.set(resource, [...(tablesSeen.get(resource) ?? []), String(row[iTable])].sort());
  }
  const nowMs = Date.parse(expect.now);
  const findings: PreflightFinding[] = [];
  for (const m of members) {
    for (const [table, neededBy] of Object.entries(expect.tables)) {
      const seen = lastSeen.get(`${table}|${m.clusterResourceId.toLowerCase()}`);
      const ageMinutes = seen === undefined ? undefined : Math.round((nowMs - Date.parse(seen)) / 60_000);
      if (ageMinutes !== undefined && ageMinutes <= FRESH_MINUTES) continue;
      findings.push({
        area: 'workspace',
        code: seen === undefined ? 'NoData' : 'StaleData',
        severity: 'error',
        subject: m.name,
        message:
          seen === undefined
            ? `No ${table} rows from member ${m.name} in workspace ${expect.workspaceId}; gates reading it (${neededBy.join(', ')}) would be Inconclusive.`
            : `Member ${m.name}'s latest ${table} row is ${ageMinutes} minutes old (fresh is ${FRESH_MINUTES}); gates reading it (${neededBy.join(', ')}) would be Inconclusive.`,
        // The tables the member does send show which collection preset is in use (e.g. "Logs and Events" sends no KubeNodeInventory).
        evidence: { member: m.name, workspaceId: expect.workspaceId, table, ...(seen ? { lastSeen: seen, ageMinutes } : {}), neededBy, tablesWithData: tablesSeen.get(m.clusterResourceId.toLowerCase()) ?? [] },
        fix: `Enable Container Insights on ${m.clusterResourceId} with a data collection rule sending ${table} to workspace ${expect.workspaceId} (a collection preset that includes it, e.g. Standard), and check the ama-logs pods are running.`,
      });
    }
  }
  return findings;
}
