/** A request's `timespan`, resolved against the virtual clock: rows outside [fromMs, toMs] are not visible. */
export interface RequestWindow {
  readonly fromMs?: number;
  readonly toMs?: number;
}

/** ISO 8601 duration (PnDTnHnMnS, PnW) in milliseconds, or undefined when it is not one. */
export function parseIsoDuration(text: string): number | undefined {
  const m = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text.trim());
  if (!m || text.trim().toUpperCase() === 'P' || /T$/i.test(text.trim())) return undefined;
  const [, w, d, h, min, s] = m;
  return (Number(w ?? 0) * 7 * 86_400 + Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0)) * 1000;
}

function parseInstant(text: string): number | undefined {
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Parses the Log Analytics `timespan` body field: `PT1H` (ending now), `start/end`, `start/PT1H` or `PT1H/end`.
 * Throws an Error with a client-facing message when it cannot be read.
 */
export function parseRequestTimespan(timespan: unknown, nowMs: number): RequestWindow {
  if (timespan === undefined || timespan === null || timespan === '') return {};
  if (typeof timespan !== 'string') throw new Error("'timespan' must be an ISO 8601 duration or interval string");
  const parts = timespan.split('/');
  if (parts.length === 1) {
    const d = parseIsoDuration(parts[0]!);
    if (d === undefined) throw new Error(`Invalid timespan '${timespan}': expected an ISO 8601 duration such as PT1H or an interval start/end`);
    return { fromMs: nowMs - d, toMs: nowMs };
  }
  if (parts.length !== 2) throw new Error(`Invalid timespan '${timespan}'`);
  const [a, b] = parts as [string, string];
  const start = parseInstant(a);
  const end = parseInstant(b);
  const da = start === undefined ? parseIsoDuration(a) : undefined;
  const db = end === undefined ? parseIsoDuration(b) : undefined;
  if (start !== undefined && end !== undefined) return { fromMs: start, toMs: end };
  if (start !== undefined && db !== undefined) return { fromMs: start, toMs: start + db };
  if (da !== undefined && end !== undefined) return { fromMs: end - da, toMs: end };
  throw new Error(`Invalid timespan '${timespan}': expected start/end, start/duration or duration/end`);
}
