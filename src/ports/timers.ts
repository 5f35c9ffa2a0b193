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

/** Where use cases write operational log lines (the invocation's log in Functions). */
export interface AppLog {
  info(message: string, data?: Readonly<Record<string, unknown>>): void;
  warn(message: string, data?: Readonly<Record<string, unknown>>): void;
}
