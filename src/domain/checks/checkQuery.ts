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

/** The window ending at `now` and reaching back `lookbackMinutes`. */
export function lookbackWindow(now: string, lookbackMinutes: number): TimeWindow {
  const end = Date.parse(now);
  return { start: new Date(end - lookbackMinutes * 60_000).toISOString(), end: new Date(end).toISOString() };
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
