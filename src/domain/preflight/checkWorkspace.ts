import type { QueryResult } from '../checks/checkEvaluation';
import type { CollectionPreset } from '../checks/collection';
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
  /** The collection preset each of the fleet's gate policies declares (`analysis.collectionPreset`; its windows are sized for it). */
  readonly declaredPresets: Readonly<Record<string, CollectionPreset>>;
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
  const [iTable, iResource, iLast, iFirst, iSamples] = [col('SourceTable'), col('ResourceId'), col('LastSeen'), col('FirstSeen'), col('Samples')];
  const lastSeen = new Map<string, string>();
  const tablesSeen = new Map<string, string[]>();
  const nodeSampling = new Map<string, { first: string; last: string; samples: number }>();
  for (const row of result.rows) {
    const resource = String(row[iResource]).toLowerCase();
    lastSeen.set(`${String(row[iTable])}|${resource}`, String(row[iLast]));
    if (row[iTable] === 'KubeNodeInventory') nodeSampling.set(resource, { first: String(row[iFirst]), last: String(row[iLast]), samples: Number(row[iSamples]) });
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
  findings.push(...presetFindings(members, nodeSampling, expect));
  return findings;
}

/** The preset a member's node inventory cadence shows: Standard samples every minute, Cost-optimized every 5 (docs/azure-apis.md §8). */
function observedPreset(sampling: { first: string; last: string; samples: number } | undefined): { preset: CollectionPreset; intervalMinutes: number } | undefined {
  if (!sampling || !(sampling.samples >= 3)) return undefined;
  const intervalMinutes = (Date.parse(sampling.last) - Date.parse(sampling.first)) / 60_000 / (sampling.samples - 1);
  return { preset: intervalMinutes >= 4 ? 'cost-optimized' : 'standard', intervalMinutes: Math.round(intervalMinutes * 10) / 10 };
}

/**
 * A member collected with Cost-optimized (every 5 minutes) under a gate policy that declares Standard: the policy's
 * lookback windows are sized for 1-minute samples and can hold none, so its checks come back Inconclusive.
 * The other way round (Standard data, Cost-optimized policy) only makes windows longer than needed.
 */
function presetFindings(members: readonly WorkspaceMember[], sampling: ReadonlyMap<string, { first: string; last: string; samples: number }>, expect: WorkspaceExpectation): PreflightFinding[] {
  const standardPolicies = Object.entries(expect.declaredPresets).filter(([, p]) => p === 'standard').map(([id]) => id);
  if (standardPolicies.length === 0) return [];
  return members.flatMap((m) => {
    const observed = observedPreset(sampling.get(m.clusterResourceId.toLowerCase()));
    if (observed?.preset !== 'cost-optimized') return [];
    return [
      {
        area: 'workspace' as const,
        code: 'CollectionPresetMismatch',
        severity: 'error' as const,
        subject: m.name,
        message: `Member ${m.name} sends Container Insights data every ${observed.intervalMinutes} minutes (the Cost-optimized preset), but gate policies ${standardPolicies.join(', ')} are sized for the Standard preset's 1-minute samples; their windows can hold no sample and the checks would be Inconclusive.`,
        evidence: { member: m.name, observedPreset: observed.preset, observedIntervalMinutes: observed.intervalMinutes, declaredPresets: expect.declaredPresets },
        fix: `Set analysis.collectionPreset: cost-optimized in gate policies ${standardPolicies.join(', ')} (conductor.yaml), or switch ${m.clusterResourceId}'s Container Insights data collection rule to the Standard preset.`,
      },
    ];
  });
}
