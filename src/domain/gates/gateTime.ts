/** ISO-8601 time arithmetic for the gate state machine (times are stored as strings; no clock is read here). */

/** `iso + seconds`, as a UTC ISO string. */
export function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}

/** True when `now` is at or after `at`. */
export function isDue(now: string, at: string): boolean {
  return Date.parse(now) >= Date.parse(at);
}

/** The later of two instants. */
export function later(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
