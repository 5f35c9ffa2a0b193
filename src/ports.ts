/**
 * The capabilities use cases need from the outside world (DESIGN §1). Adapters implement them; use cases see
 * nothing else. Method names follow the Azure SDK verbs: get* returns undefined when missing, list* pages,
 * upsert* creates or replaces.
 */

/** The outcome of one timer invocation, kept so /api/health can show when each timer last ran. */
export interface TimerRun {
  readonly functionName: string;
  /** The schedule as registered (e.g. `%RECONCILE_SCHEDULE%` or `0 *\/5 * * * *`). */
  readonly schedule: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly isPastDue: boolean;
  readonly outcome: 'Succeeded' | 'Failed';
  /** The error message when outcome is Failed. */
  readonly error?: string;
}

export interface TimerRunLog {
  /** Records the latest run of a timer, replacing the previous one. */
  upsertTimerRun(run: TimerRun): Promise<void>;
  /** The latest run of every timer that ever ran, by function name. */
  listTimerRuns(): Promise<readonly TimerRun[]>;
}

export interface Clock {
  /** Current time as an ISO-8601 string (UTC). */
  nowIso(): string;
}
