import type { QueryRows } from '../checks/checkEvaluation';
import { queryPreamble, type KqlQuery } from '../checks/checkQuery';
import type { WarningEventFact } from './runFacts';

/** At most this many event objects come back (newest first): enough to explain, small enough for a run page. */
export const MAX_WARNING_EVENTS = 50;

/**
 * ONE query for all slow members' clusters: their Warning events whose LastSeen falls in [since, now], one row per
 * event object. Rows are selected by LastSeen and scanned from `scanStart`: the agent re-writes an event with its
 * creation time as TimeGenerated while Count and LastSeen move on (docs/azure-apis.md §8), so an eviction blocked
 * since before `since` still shows.
 */
export function renderWarningEventsQuery(clusterResourceIds: readonly string[], since: string, now: string): KqlQuery {
  const window = { start: since, end: now };
  const text = [
    queryPreamble(clusterResourceIds.map((c) => c.toLowerCase()), window),
    'KubeEvents',
    '| where TimeGenerated between (scanStart .. windowEnd)',
    '| where ClusterId in~ (clusters)',
    '| where KubeEventType == "Warning"',
    '| where LastSeen between (windowStart .. windowEnd)',
    '| summarize FirstSeen = min(FirstSeen), LastSeen = max(LastSeen), Count = max(Count) by ClusterId = tolower(ClusterId), ObjectKind, Namespace, Name, Reason, Message, SourceComponent',
    `| top ${MAX_WARNING_EVENTS} by LastSeen desc`,
  ].join('\n');
  return { text, window, scanStart: new Date(Date.parse(since) - 24 * 3_600_000).toISOString() };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v === null || v === undefined ? '' : JSON.stringify(v));
const iso = (v: unknown): string => {
  const ms = typeof v === 'number' ? v : Date.parse(str(v));
  return Number.isNaN(ms) ? str(v) : new Date(ms).toISOString();
};

/** The rows of renderWarningEventsQuery as facts (columns found by name). */
export function toWarningEvents(result: QueryRows): WarningEventFact[] {
  const col = (name: string): number => result.columns.findIndex((c) => c.name === name);
  const i = {
    cluster: col('ClusterId'),
    kind: col('ObjectKind'),
    namespace: col('Namespace'),
    name: col('Name'),
    reason: col('Reason'),
    message: col('Message'),
    source: col('SourceComponent'),
    count: col('Count'),
    first: col('FirstSeen'),
    last: col('LastSeen'),
  };
  return result.rows.map((r) => ({
    clusterResourceId: str(r[i.cluster]),
    objectKind: str(r[i.kind]),
    namespace: str(r[i.namespace]),
    name: str(r[i.name]),
    reason: str(r[i.reason]),
    message: str(r[i.message]),
    source: str(r[i.source]),
    count: Number(r[i.count] ?? 0),
    firstSeen: iso(r[i.first]),
    lastSeen: iso(r[i.last]),
  }));
}
