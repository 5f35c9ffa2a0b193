import { describe, expect, it } from 'vitest';
import type { TimerRun, TimerRunLog } from '../../src/ports';

const run = (over: Partial<TimerRun> = {}): TimerRun => ({
  functionName: 'reconcile',
  schedule: '%RECONCILE_SCHEDULE%',
  startedAt: '2026-11-21T10:00:00.000Z',
  finishedAt: '2026-11-21T10:00:01.500Z',
  isPastDue: false,
  outcome: 'Succeeded',
  ...over,
});

/** The behaviour every TimerRunLog must have; run against the in-memory fake and the Table Storage adapter. */
export function timerRunLogContract(name: string, make: () => Promise<TimerRunLog>): void {
  describe(`${name} (TimerRunLog contract)`, () => {
    it('lists nothing before any run', async () => {
      expect(await (await make()).listTimerRuns()).toEqual([]);
    });

    it('keeps only the latest run of each timer, sorted by name', async () => {
      const log = await make();
      await log.upsertTimerRun(run({ functionName: 'releasePoll' }));
      await log.upsertTimerRun(run({ outcome: 'Failed', error: 'ARM unavailable' }));
      await log.upsertTimerRun(run({ startedAt: '2026-11-21T10:05:00.000Z', finishedAt: '2026-11-21T10:05:02.000Z', isPastDue: true }));
      expect(await log.listTimerRuns()).toEqual([
        run({ startedAt: '2026-11-21T10:05:00.000Z', finishedAt: '2026-11-21T10:05:02.000Z', isPastDue: true }),
        run({ functionName: 'releasePoll' }),
      ]);
    });

    it('keeps the error of a failed run', async () => {
      const log = await make();
      await log.upsertTimerRun(run({ outcome: 'Failed', error: 'ARM unavailable' }));
      expect(await log.listTimerRuns()).toEqual([run({ outcome: 'Failed', error: 'ARM unavailable' })]);
    });
  });
}
