import { kqlDatetime, kqlDynamicStrings } from './kqlLiteral';

/** A closed time interval as UTC ISO strings; also sent as the Log Analytics `timespan` of the query. */
export interface TimeWindow {
  readonly start: string;
  readonly end: string;
}

/** A rendered query: the exact text sent to Log Analytics and the window it covers (both kept as evidence). */
export interface KqlQuery {
  readonly text: string;
  readonly window: TimeWindow;
}

/**
 * The window ending at `now` and reaching back `lookbackMinutes`, but never starting before `notBefore` (when the
 * gated clusters finished upgrading): a verdict is about the clusters after their upgrade, so rows from before it
 * are not looked at, and a cluster with no row since is "no data", never a pass. When `notBefore` is after `now`
 * the window is empty (start = end).
 */
export function lookbackWindow(now: string, lookbackMinutes: number, notBefore?: string): TimeWindow {
  const end = Date.parse(now);
  const floor = notBefore === undefined ? -Infinity : Date.parse(notBefore);
  const start = Math.min(end, Math.max(end - lookbackMinutes * 60_000, Number.isNaN(floor) ? -Infinity : floor));
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

/**
 * The `let` statements every check query starts with: the gated clusters as ONE dynamic array (one batched
 * query per check, never one per cluster) and the window bounds as datetime literals, so the evidence shows
 * the exact interval and re-running the query later reproduces it.
 */
export function queryPreamble(clusters: readonly string[], window: TimeWindow): string {
  return [
    `let clusters = ${kqlDynamicStrings(clusters)};`,
    `let windowStart = ${kqlDatetime(window.start)};`,
    `let windowEnd = ${kqlDatetime(window.end)};`,
  ].join('\n');
}

/** The first pipeline steps shared by the built-ins: the window, then the batched cluster filter. */
export function scopedTable(table: string): string {
  return [table, '| where TimeGenerated between (windowStart .. windowEnd)', '| where ClusterId in~ (clusters)'].join('\n');
}

/**
 * `let <name> = ...;` holding the newest snapshot of a Container Insights inventory table per cluster: the agent
 * stamps every row of one collection pass with the same TimeGenerated (its batchTime), so the rows at the newest
 * TimeGenerated of a cluster are its current state — pods deleted since (evicted, replaced) and nodes removed (the
 * upgrade's surge node) are simply absent.
 */
export function latestSnapshot(name: string, table: string): string {
  return [
    `let ${name}Rows = ${scopedTable(table)};`,
    `let ${name} = ${name}Rows`,
    `| join kind=inner (${name}Rows | summarize Snapshot = max(TimeGenerated) by ClusterId) on ClusterId`,
    '| where TimeGenerated == Snapshot;',
  ].join('\n');
}
