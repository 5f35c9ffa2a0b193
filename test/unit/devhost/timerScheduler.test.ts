import { describe, expect, it } from 'vitest';
import { TimerScheduler, type TimerInput } from '../../../devhost/timerScheduler';
import { ManualClock } from '../../support/manualClock';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('TimerScheduler', () => {
  it('never overlaps a running invocation; occurrences missed meanwhile collapse into one past-due run', async () => {
    // given a 5-minute timer whose first run lasts seven minutes
    const clock = new ManualClock(Date.parse('2026-11-21T10:03:00Z'));
    const scheduler = new TimerScheduler(clock);
    const inputs: TimerInput[] = [];
    let finishFirst: () => void = () => undefined;
    scheduler.start({
      name: 'reconcile',
      schedule: '0 */5 * * * *',
      runOnStartup: false,
      run: (input) => {
        inputs.push(input);
        return inputs.length === 1 ? new Promise<void>((resolve) => (finishFirst = resolve)) : Promise.resolve();
      },
    });
    // when the 10:05 run is still going at 10:12 (so 10:10 passes), then ends
    clock.advance(2 * 60_000);
    clock.advance(7 * 60_000);
    await flush();
    expect(inputs).toHaveLength(1);
    finishFirst();
    await flush();
    clock.advance(0); // the overdue occurrence is armed with no wait
    await flush();
    // then exactly one more run starts at once, marked past due
    expect(inputs.map((i) => [i.scheduleStatus.lastUpdated, i.isPastDue])).toEqual([
      ['2026-11-21T10:05:00.000Z', false],
      ['2026-11-21T10:12:00.000Z', true],
    ]);
    await scheduler.stop();
  });

  it('runs at once on start when runOnStartup is set', async () => {
    const clock = new ManualClock(Date.parse('2026-11-21T10:03:00Z'));
    const scheduler = new TimerScheduler(clock);
    const seen: TimerInput[] = [];
    scheduler.start({ name: 't', schedule: '0 0 * * * *', runOnStartup: true, run: (i) => (seen.push(i), Promise.resolve()) });
    await flush();
    expect(seen.map((i) => i.scheduleStatus.next)).toEqual(['2026-11-21T11:00:00.000Z']);
    await scheduler.stop();
  });

  it('keeps its schedule after a failed run', async () => {
    const clock = new ManualClock(Date.parse('2026-11-21T10:00:30Z'));
    const scheduler = new TimerScheduler(clock);
    let runs = 0;
    scheduler.start({ name: 't', schedule: '0 * * * * *', runOnStartup: false, run: () => (runs++, Promise.reject(new Error('down'))) });
    for (let i = 0; i < 3; i++) {
      clock.advance(60_000);
      await flush();
      await flush();
    }
    expect(runs).toBe(3);
    await scheduler.stop();
  });
});
