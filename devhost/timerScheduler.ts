import { parseSchedule, type Schedule } from './ncrontab';

/** The timer input the Functions host passes to a timer trigger. */
export interface TimerInput {
  readonly isPastDue: boolean;
  readonly schedule: { readonly adjustForDST: boolean };
  readonly scheduleStatus: { readonly last: string; readonly next: string; readonly lastUpdated: string };
}

export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** How late (clock ms) a firing may be before it counts as past due; default 1000. */
  pastDueToleranceMs?(): number;
}

export const realClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface TimerJob {
  readonly name: string;
  readonly schedule: string;
  readonly runOnStartup: boolean;
  run(input: TimerInput): Promise<void>;
}

// A firing later than this after its scheduled time is reported as past due.
const PAST_DUE_TOLERANCE_MS = 1000;
// setTimeout holds at most ~24.8 days; longer waits are taken in steps.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Fires timer jobs on their schedules. Like the host, a job never overlaps itself: the next occurrence is computed
 * when an invocation ends, and occurrences missed while it ran collapse into one past-due invocation.
 */
export class TimerScheduler {
  private readonly handles = new Map<string, unknown>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly clock: SchedulerClock = realClock) {}

  start(job: TimerJob): { next: number } {
    const schedule = parseSchedule(job.schedule);
    const now = this.clock.now();
    if (job.runOnStartup) this.fire(job, schedule, now, now);
    const next = schedule.next(now);
    if (!job.runOnStartup) this.arm(job, schedule, next, now);
    return { next };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const h of this.handles.values()) this.clock.clearTimeout(h);
    this.handles.clear();
    await Promise.allSettled([...this.running]);
  }

  private arm(job: TimerJob, schedule: Schedule, due: number, last: number): void {
    if (this.stopped) return;
    const wait = Math.min(Math.max(0, due - this.clock.now()), MAX_TIMEOUT_MS);
    this.handles.set(
      job.name,
      this.clock.setTimeout(() => {
        if (this.clock.now() < due) this.arm(job, schedule, due, last);
        else this.fire(job, schedule, due, last);
      }, wait),
    );
  }

  private fire(job: TimerJob, schedule: Schedule, due: number, last: number): void {
    const firedAt = this.clock.now();
    const next = schedule.next(Math.max(due, firedAt));
    const input: TimerInput = {
      isPastDue: firedAt - due > (this.clock.pastDueToleranceMs?.() ?? PAST_DUE_TOLERANCE_MS),
      schedule: { adjustForDST: true },
      scheduleStatus: {
        last: new Date(last).toISOString(),
        next: new Date(next).toISOString(),
        lastUpdated: new Date(firedAt).toISOString(),
      },
    };
    const run = job
      .run(input)
      .catch(() => undefined) // the invocation runner has already logged the failure; a timer keeps its schedule
      .finally(() => {
        this.running.delete(run);
        // Occurrences that passed while this invocation ran collapse into the next one, which is then past due.
        const upcoming = schedule.next(firedAt);
        this.arm(job, schedule, upcoming, firedAt);
      });
    this.running.add(run);
  }
}
