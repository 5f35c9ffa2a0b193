import { describe, expect, it } from 'vitest';
import { getHealth, type FunctionInfo } from '../../../src/app/getHealth';
import { InMemoryTimerRunLog } from '../../support/fakes/InMemoryTimerRunLog';
import type { TimerRunLog } from '../../../src/ports';

const clock = { nowIso: () => '2026-11-21T12:00:00.000Z' };
const functions: FunctionInfo[] = [
  { name: 'health', trigger: 'http', route: 'health', methods: ['GET'], authLevel: 'anonymous' },
  { name: 'reconcile', trigger: 'timer', schedule: '%RECONCILE_SCHEDULE%' },
  { name: 'releasePoll', trigger: 'timer', schedule: '0 */10 * * * *' },
];

describe('getHealth', () => {
  it('lists the functions and the last run of each timer, undefined for a timer that never ran', async () => {
    const timerRuns = new InMemoryTimerRunLog();
    const run = {
      functionName: 'reconcile',
      schedule: '%RECONCILE_SCHEDULE%',
      startedAt: '2026-11-21T11:55:00.000Z',
      finishedAt: '2026-11-21T11:55:01.000Z',
      isPastDue: false,
      outcome: 'Succeeded' as const,
    };
    await timerRuns.upsertTimerRun(run);
    expect(await getHealth({ timerRuns, clock, version: '1.2.3' }, functions)).toEqual({
      status: 'ok',
      version: '1.2.3',
      checkedAt: '2026-11-21T12:00:00.000Z',
      functions,
      timers: [
        { name: 'reconcile', schedule: '%RECONCILE_SCHEDULE%', lastRun: run },
        { name: 'releasePoll', schedule: '0 */10 * * * *', lastRun: undefined },
      ],
      problems: [],
    });
  });

  it('reports degraded, with the reason, when state storage cannot be read', async () => {
    const broken: TimerRunLog = {
      upsertTimerRun: () => Promise.resolve(),
      listTimerRuns: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:10002')),
    };
    const report = await getHealth({ timerRuns: broken, clock, version: '1.2.3' }, functions);
    expect(report.status).toBe('degraded');
    expect(report.problems).toEqual(['state storage unreadable: connect ECONNREFUSED 127.0.0.1:10002']);
  });
});
