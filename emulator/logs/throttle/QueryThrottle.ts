import type { EmulatorResponse } from '../../httpTypes';
import { throttledResponse, type ThrottleReason } from './throttledResponse';

/**
 * Azure Monitor's per-user limits of the Log Analytics query API (MicrosoftDocs/azure-docs
 * `includes/azure-monitor-limits-log-queries.md`, "User query throttling", shown in "Azure Monitor service limits").
 * Scenarios may lower them (`logs.limits`) so tests reach them with a few queries.
 */
export interface QueryLimits {
  /** "Query rate: 200 queries per 30 seconds … submitted by a single user to all workspaces." */
  readonly queriesPer30Seconds: number;
  /** "Concurrent queries: 5 … Any other query is added to a queue." */
  readonly concurrentQueries: number;
  /** "Total queries in concurrency queue: 200 … the next query is rejected with an HTTP error code 429." */
  readonly queueLength: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { queriesPer30Seconds: 200, concurrentQueries: 5, queueLength: 200 };

const RATE_WINDOW_MS = 30_000;
/**
 * "Time in concurrency queue: 3 minutes. If a query sits in the queue for more than 3 minutes without being started,
 * it's terminated with … 429." Real time, not virtual: it is about waiting, and what makes queries run long in the
 * emulator (an injected `latencyMs`) is real time too. Not lowered by scenarios; tests reach it with fake timers.
 */
const QUEUE_TIMEOUT_MS = 180_000;

/** A query let through (it holds a running slot until `release`) or refused with the 429 to answer. */
export type QueryAdmission = { readonly admitted: true; release(): void } | { readonly admitted: false; readonly response: EmulatorResponse };

/** What one caller has in the throttle now, and the most it ever had running and queued (for tests and diagnosis). */
export interface CallerLoad {
  readonly running: number;
  readonly queued: number;
  readonly peakRunning: number;
  readonly peakQueued: number;
}

interface Waiter {
  start(): void;
  readonly timer: NodeJS.Timeout;
}

interface CallerState {
  /** Queries submitted, per virtual instant, oldest first: the sliding 30-second window. */
  readonly arrivals: { atMs: number; count: number }[];
  inWindow: number;
  running: number;
  readonly queue: Waiter[];
  peakRunning: number;
  peakQueued: number;
}

/**
 * Admits Log Analytics queries per caller: the rate window first (on the emulator's virtual clock, so `speed: 0`
 * worlds are deterministic), then a running slot or a place in the FIFO queue behind the running queries.
 */
export class QueryThrottle {
  private readonly callers = new Map<string, CallerState>();

  constructor(
    private readonly limits: QueryLimits,
    private readonly nowMs: () => number,
  ) {}

  admit(caller: string): Promise<QueryAdmission> {
    const state = this.state(caller);
    const now = this.nowMs();
    const earlier = this.countInWindow(state, now);
    // A refused query counts against the window too: no source settles whether it does; the harsher reading is that
    // the service saw it (a client that keeps hammering stays throttled until it pauses for 30 s).
    this.record(state, now);
    if (earlier >= this.limits.queriesPer30Seconds) return Promise.resolve(this.refuse('rate'));
    if (state.running < this.limits.concurrentQueries) return Promise.resolve(this.start(state));
    if (state.queue.length >= this.limits.queueLength) return Promise.resolve(this.refuse('queueFull'));
    return new Promise((resolve) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          resolve(this.start(state));
        },
        timer: setTimeout(() => {
          state.queue.splice(state.queue.indexOf(waiter), 1);
          resolve(this.refuse('queueTimeout'));
        }, QUEUE_TIMEOUT_MS),
      };
      // A waiting query must not keep a process alive that is otherwise done (the server's socket does that).
      waiter.timer.unref();
      state.queue.push(waiter);
      state.peakQueued = Math.max(state.peakQueued, state.queue.length);
    });
  }

  /** Every caller seen since this throttle was created (one per loaded scenario). */
  load(): ReadonlyMap<string, CallerLoad> {
    return new Map([...this.callers].map(([caller, s]) => [caller, { running: s.running, queued: s.queue.length, peakRunning: s.peakRunning, peakQueued: s.peakQueued }]));
  }

  private state(caller: string): CallerState {
    let state = this.callers.get(caller);
    if (!state) {
      state = { arrivals: [], inWindow: 0, running: 0, queue: [], peakRunning: 0, peakQueued: 0 };
      this.callers.set(caller, state);
    }
    return state;
  }

  /** Queries submitted in the 30 seconds up to `now` (a query exactly 30 s old has left the window). */
  private countInWindow(state: CallerState, now: number): number {
    while (state.arrivals.length > 0 && (state.arrivals[0]?.atMs ?? now) <= now - RATE_WINDOW_MS) state.inWindow -= state.arrivals.shift()?.count ?? 0;
    return state.inWindow;
  }

  private record(state: CallerState, now: number): void {
    const last = state.arrivals[state.arrivals.length - 1];
    // The virtual clock does not go back; if it ever did, the query joins the newest instant rather than reorder.
    if (last && last.atMs >= now) last.count++;
    else state.arrivals.push({ atMs: now, count: 1 });
    state.inWindow++;
  }

  /** Takes a running slot; `release` (once) frees it and starts the first queued query, as the docs describe. */
  private start(state: CallerState): QueryAdmission {
    state.running++;
    state.peakRunning = Math.max(state.peakRunning, state.running);
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        state.running--;
        state.queue.shift()?.start();
      },
    };
  }

  private refuse(reason: ThrottleReason): QueryAdmission {
    return { admitted: false, response: throttledResponse(reason, this.limits) };
  }
}
