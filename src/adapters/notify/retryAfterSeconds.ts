/**
 * A Retry-After header in seconds: either delta-seconds or an HTTP date (RFC 9110 §10.2.3 allows both).
 * Undefined when absent or unreadable (the caller's own backoff applies then).
 */
export function retryAfterSeconds(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  // An HTTP date names its weekday and month (IMF-fixdate); Date.parse alone would read '-3' as the year -3.
  const at = /[A-Za-z]{3}/.test(header) ? Date.parse(header) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
