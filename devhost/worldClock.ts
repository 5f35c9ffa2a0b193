import type { SchedulerClock } from './timerScheduler';

/** The local world's one source of time: the emulated Azure's virtual clock, in epoch milliseconds. */
export interface WorldClock {
  nowMs(): number;
  /** Virtual seconds per real second, when time runs at a chosen speed. */
  speed?(): number;
}

// How long a timer waits in real time before looking at the virtual clock again. Virtual time may jump (the
// emulator's clock API advances it) or run at any speed, so a timer cannot compute its real wait once.
const POLL_MS = 100;

/**
 * Timers on the world's clock: a due time is a virtual instant, and the scheduler (which re-arms while `now < due`)
 * is woken every POLL_MS to compare. Costs one cheap callback per timer per poll; the host has a handful of timers.
 */
export function schedulerClockOn(clock: WorldClock): SchedulerClock {
  return {
    now: () => clock.nowMs(),
    setTimeout: (fn, ms) => setTimeout(fn, Math.min(ms, POLL_MS)),
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    // A timer wakes up to one poll late, which at speed s is POLL_MS × s of virtual time: not "past due".
    pastDueToleranceMs: () => Math.max(1000, 2 * POLL_MS * (clock.speed?.() ?? 1)),
  };
}

/** The app's `Clock` port (ISO strings) on the world's clock. */
export function appClockOn(clock: WorldClock): { nowIso(): string } {
  return { nowIso: () => new Date(clock.nowMs()).toISOString() };
}
