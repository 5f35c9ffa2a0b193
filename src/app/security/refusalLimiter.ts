/**
 * Counts refused approval attempts per link in a fixed window, so a flood of forged attempts on one link cannot
 * flood the audit trail: past `limit` refusals in `windowSeconds`, further refusals on that link get 429 and only the
 * first of them is audited (as rate limited).
 *
 * Shortcut (stated): the counts live in this process. Each Functions instance limits on its own, so the effective
 * limit scales with the instance count; a shared counter (a table row per link and window) would make it global.
 */
export class RefusalLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit = 20,
    readonly windowSeconds = 600,
    /** Links tracked at once; the oldest windows are dropped first (bounded memory under a spray of links). */
    private readonly maxKeys = 10_000,
  ) {}

  /** Records one refusal on `key` at `nowMs`: `allowed` false once over the limit, with the seconds until the window ends. */
  hit(key: string, nowMs: number): { readonly allowed: boolean; readonly firstOverLimit: boolean; readonly retryAfterSeconds: number } {
    const windowMs = this.windowSeconds * 1000;
    let w = this.windows.get(key);
    if (w === undefined || nowMs - w.start >= windowMs || nowMs < w.start) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) {
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
      w = { start: nowMs, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    const retryAfterSeconds = Math.max(1, Math.ceil((w.start + windowMs - nowMs) / 1000));
    return { allowed: w.count <= this.limit, firstOverLimit: w.count === this.limit + 1, retryAfterSeconds };
  }
}
