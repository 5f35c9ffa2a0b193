import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimerScheduler, type TimerInput } from '../../../devhost/timerScheduler';
import { appClockOn, schedulerClockOn } from '../../../devhost/worldClock';

afterEach(() => vi.useRealTimers());

describe('timers and the app on the world clock', () => {
  it('fire when the virtual clock jumps, not when real time passes, and lateness within a poll is not past due', async () => {
    vi.useFakeTimers();
    let now = Date.parse('2026-11-21T08:00:30Z');
    const world = { nowMs: () => now, speed: () => 60 };
    const fired: TimerInput[] = [];
    const scheduler = new TimerScheduler(schedulerClockOn(world));
    scheduler.start({ name: 'reconcile', schedule: '0 */1 * * * *', runOnStartup: false, run: (input) => Promise.resolve(void fired.push(input)) });
    await vi.advanceTimersByTimeAsync(5_000); // real seconds pass, virtual time stands still
    expect(fired).toHaveLength(0);
    now += 30_000 + 6_000; // the virtual minute came and went one poll ago (6 virtual s at 60×)
    await vi.advanceTimersByTimeAsync(100);
    expect(fired.map((f) => [f.scheduleStatus.lastUpdated, f.isPastDue])).toEqual([['2026-11-21T08:01:06.000Z', false]]);
    now += 3 * 3600_000; // three hours ahead: occurrences collapse into one past-due run
    await vi.advanceTimersByTimeAsync(100);
    expect(fired).toHaveLength(2);
    expect(fired[1]?.isPastDue).toBe(true);
    expect(appClockOn(world).nowIso()).toBe('2026-11-21T11:01:06.000Z');
    await scheduler.stop();
  });
});
