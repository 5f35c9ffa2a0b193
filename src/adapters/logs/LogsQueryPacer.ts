/** Time as the pacer sees it: the app's clock for the budget window, real timers for waiting. */
export interface PacerTime {
  /** The app's clock (Azure's time in production; the emulator's virtual time locally). */
  nowMs(): number;
  /** A monotonic real-time clock (performance.now): how long a query has really waited. */
  realMs(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * Azure Monitor's per-user limits on the Log Analytics query API ("User query throttling" in "Azure Monitor service
 * limits"): 5 queries of a user run at once and the rest queue in the service; 200 queries per 30 seconds, across all
 * workspaces, beyond which the service answers 429. Conductor queries as one identity, so every gate of every fleet
 * draws on one budget.
 */
export interface LogsQueryLimits {
  readonly maxConcurrent: number;
  readonly queriesPerWindow: number;
  readonly windowMs: number;
  /**
   * The longest a query waits (in real time) for budget before it is refused. A gate event's handler waits for its
   * checks, and Event Grid redelivers an event it has not seen answered within 30 s, so a query never waits longer
   * than that; a refused query is a failed check (Error), which holds the gate and is measured again later.
   */
  readonly maxWaitMs: number;
}

export const AZURE_LOGS_QUERY_LIMITS: LogsQueryLimits = { maxConcurrent: 5, queriesPerWindow: 200, windowMs: 30_000, maxWaitMs: 20_000 };

export type Admission =
  | { readonly admitted: true; /** Real time this turn waited for budget. */ readonly waitedMs: number; release(): void }
  | { readonly admitted: false; /** How long the budget would still have kept this query waiting. */ readonly waitMs: number };

interface Waiter {
  readonly queuedAtRealMs: number;
  /** Real time the same query already waited on earlier turns (a retry after a 429 continues the first wait). */
  readonly waitedBefore: number;
  readonly resolve: (admission: Admission) => void;
}

/**
 * Admits Log Analytics queries first come, first served, so that this process stays inside the identity's budget
 * instead of learning it from 429s: at most `maxConcurrent` in flight and `queriesPerWindow` started in any window
 * (sliding, as the service counts). A 429 from the service (another instance spent the budget) pauses every query
 * of the process for the time the service asks.
 *
 * Written here rather than taken from a library (p-queue, bottleneck) because the window must be read from the app's
 * clock, which is the emulator's virtual time locally (the emulator counts the same budget on it), and the tests
 * drive it deterministically; the libraries count on real timers. Waits are real timers either way: a query the
 * budget would keep waiting past `maxWaitMs` (real time, even where the app's clock stands still) is refused before it
 * waits, and one whose turn comes only past the bound (slots held by slow queries) is refused at its turn.
 */
export class LogsQueryPacer {
  private running = 0;
  /** Start times (app clock) of the queries admitted in the current window, oldest first. */
  private readonly starts: number[] = [];
  private readonly queue: Waiter[] = [];
  private pausedUntilMs = Number.NEGATIVE_INFINITY;
  private sleeping = false;

  constructor(
    private readonly limits: LogsQueryLimits,
    private readonly time: PacerTime,
  ) {
    if (!(limits.maxConcurrent >= 1 && limits.queriesPerWindow >= 1 && limits.windowMs > 0 && limits.maxWaitMs >= 0)) {
      throw new RangeError(`Log Analytics query limits must be positive, got ${JSON.stringify(limits)}`);
    }
  }

  /**
   * Waits for a turn; a query admitted must call `release()` when it has its answer. A retry passes what the query
   * already waited, so that all its turns together wait at most `maxWaitMs`.
   */
  acquire(waitedBeforeMs = 0): Promise<Admission> {
    return new Promise((resolve) => {
      this.queue.push({ queuedAtRealMs: this.time.realMs(), waitedBefore: waitedBeforeMs, resolve });
      this.pump();
    });
  }

  /** The service answered 429: nothing of this process starts before `ms` from now (on the app's clock). */
  pauseFor(ms: number): void {
    this.pausedUntilMs = Math.max(this.pausedUntilMs, this.time.nowMs() + Math.max(0, ms));
  }

  /** Queries waiting for a turn (for tests and telemetry). */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.queue.length > 0 && this.running < this.limits.maxConcurrent && !this.sleeping) {
      const head = this.queue[0] as Waiter;
      const wait = this.budgetWaitMs();
      if (wait > 0) {
        if (head.waitedBefore + this.time.realMs() - head.queuedAtRealMs + wait > this.limits.maxWaitMs) {
          this.queue.shift();
          head.resolve({ admitted: false, waitMs: wait });
          continue;
        }
        this.sleeping = true;
        void this.time.sleep(wait).then(() => {
          this.sleeping = false;
          this.pump();
        });
        return;
      }
      this.queue.shift();
      // A turn that came only after the slots freed (5 slow queries ahead) may come past the bound too: refused then,
      // not sent late. (Waiting for a slot is bounded by the running queries' own server timeout, not by a timer.)
      const waited = head.waitedBefore + this.time.realMs() - head.queuedAtRealMs;
      if (waited > this.limits.maxWaitMs) {
        head.resolve({ admitted: false, waitMs: 0 });
        continue;
      }
      this.running += 1;
      this.starts.push(this.time.nowMs());
      let released = false;
      head.resolve({
        admitted: true,
        waitedMs: this.time.realMs() - head.queuedAtRealMs,
        release: () => {
          if (released) return;
          released = true;
          this.running -= 1;
          this.pump();
        },
      });
    }
  }

  /** How long until the next query may start: the pause after a 429, or the oldest start leaving the window. */
  private budgetWaitMs(): number {
    const now = this.time.nowMs();
    while (this.starts.length > 0 && (this.starts[0] as number) <= now - this.limits.windowMs) this.starts.shift();
    const paused = this.pausedUntilMs - now;
    const full = this.starts.length >= this.limits.queriesPerWindow ? (this.starts[this.starts.length - this.limits.queriesPerWindow] as number) + this.limits.windowMs - now : 0;
    return Math.max(0, paused, full);
  }
}
