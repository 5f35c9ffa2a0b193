/** Time formatting for the views: always UTC, so every operator reads the same clock whatever their browser. */

/** `2026-11-21 10:05:30 UTC`, or the raw text when it does not parse (shown rather than hidden). */
export function formatUtc(iso: string | undefined): string {
  if (iso === undefined || iso === '') return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** formatUtc for epoch milliseconds (layout math works in milliseconds). */
export function formatUtcMs(ms: number): string {
  return formatUtc(new Date(ms).toISOString());
}

/** `HH:MM` (UTC) for axis ticks. */
export function formatHm(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

/** `11-22` (UTC month-day), used on ticks where the date changes. */
export function formatMonthDay(ms: number): string {
  return new Date(ms).toISOString().slice(5, 10);
}

/** `45s`, `17m 30s`, `2h 05m`, `3d 4h`: short enough for a bar label. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** Milliseconds since the epoch, or undefined for absent or unparsable times. */
export function parseTime(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}
