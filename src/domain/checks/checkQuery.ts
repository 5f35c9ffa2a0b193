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
  /**
   * Where the query's `scanStart` let points: the start of the Log Analytics timespan (see queryTimespan). Absent in
   * queries rendered before scan starts existed (a journaled action re-performed after an upgrade of Conductor):
   * their text has no `scanStart`, so their timespan is the window.
   */
  readonly scanStart?: string;
}

/**
 * How far before windowStart event-based evidence is scanned. The Container Insights agent writes a KubeEvents row
 * with TimeGenerated = the event object's metadata.creationTimestamp, and writes it again with that SAME
 * TimeGenerated each time its count changes (microsoft/Docker-Provider@69eeda6 source/plugins/ruby/in_kube_events.rb
 * L174-L178 `eventId = uid/count`, L194-L211 `record["TimeGenerated"] = items["metadata"]["creationTimestamp"]`).
 * A condition that began before the window (e.g. during the upgrade) and still recurs has rows in the window by
 * LastSeen only; their TimeGenerated is when the event object was created. 24 h covers an event object created up to
 * a day before the window starts — longer than any upgrade this tool runs plus kube-apiserver's default
 * `--event-ttl` (1 h). Shortcut: a condition whose event object is older than that (still being updated, so never
 * expired) is not seen; it was already failing a day before the upgrade ended, which a before-gate or the cluster's
 * own alerting is expected to have caught.
 */
export const EVENT_SCAN_LOOKBACK_HOURS = 24;

/** The `scanStart` of a window: EVENT_SCAN_LOOKBACK_HOURS before its start. */
export function scanStartOf(window: TimeWindow): string {
  return new Date(Date.parse(window.start) - EVENT_SCAN_LOOKBACK_HOURS * 3_600_000).toISOString();
}

/**
 * The Log Analytics timespan of a query: from its scan start (rows an event-based check reads may carry a
 * TimeGenerated before the window) to the window's end. Inventory tables keep filtering on the window itself, so
 * the wider timespan changes no result of theirs.
 */
export function queryTimespan(query: KqlQuery): TimeWindow {
  return { start: query.scanStart ?? query.window.start, end: query.window.end };
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
 * query per check, never one per cluster), the window bounds as datetime literals, so the evidence shows
 * the exact interval and re-running the query later reproduces it, and the scan start for event tables.
 */
export function queryPreamble(clusters: readonly string[], window: TimeWindow): string {
  return [
    `let clusters = ${kqlDynamicStrings(clusters)};`,
    `let windowStart = ${kqlDatetime(window.start)};`,
    `let windowEnd = ${kqlDatetime(window.end)};`,
    `let scanStart = ${kqlDatetime(scanStartOf(window))};`,
  ].join('\n');
}

/** The first pipeline steps shared by the built-ins: the window, then the batched cluster filter. */
export function scopedTable(table: string): string {
  return [table, '| where TimeGenerated between (windowStart .. windowEnd)', '| where ClusterId in~ (clusters)'].join('\n');
}

/**
 * KubeEvents rows of the gated clusters whose event was last seen in the window: the condition still recurring
 * after the upgrade. Selected by LastSeen, not TimeGenerated, because TimeGenerated is the event object's creation
 * time (see EVENT_SCAN_LOOKBACK_HOURS), scanned back to scanStart. Every query reading KubeEvents starts with this.
 */
export function eventsInWindow(): string {
  return [
    'KubeEvents',
    '| where TimeGenerated between (scanStart .. windowEnd)',
    '| where ClusterId in~ (clusters)',
    '| where LastSeen between (windowStart .. windowEnd)',
  ].join('\n');
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
