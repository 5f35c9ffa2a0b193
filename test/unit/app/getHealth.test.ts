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
      approvals: { enabled: true },
      callers: { source: null, trusted: false, reason: 'no principal source configured' },
    });
  });

  it('reports degraded, with the reason, when state storage cannot be read', async () => {
    const broken: TimerRunLog = {
      upsertTimerRun: () => Promise.resolve(),
      listTimerRuns: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:10002')),
    };
    const report = await getHealth({ timerRuns: broken, clock, version: '1.2.3' }, functions);
    expect(report.status).toBe('degraded');
    // Anonymous route: the internal error text goes to the log, never into the answer.
    expect(report.problems).toEqual(['state storage unreadable (details in the app log)']);
    expect(JSON.stringify(report)).not.toContain('ECONNREFUSED');
  });

  it('names a disabled approval key and an untrusted principal source; an unusable setting makes it degraded', async () => {
    const timerRuns = new InMemoryTimerRunLog();
    const unset = await getHealth({ timerRuns, clock, version: '1', approvalsStatus: { enabled: false, reason: 'APPROVAL_TOKEN_KEY is not set: approvals are disabled' } }, functions);
    expect(unset).toMatchObject({ status: 'ok', approvals: { enabled: false, reason: expect.stringContaining('APPROVAL_TOKEN_KEY') } });
    const vault = await getHealth(
      {
        timerRuns,
        clock,
        version: '1',
        approvalsStatus: { enabled: false, misconfigured: true, reason: 'APPROVAL_TOKEN_KEY is an unresolved Key Vault reference (@Microsoft.KeyVault(...))' },
        callerTrust: { source: 'appServiceAuthentication', trusted: false, reason: 'WEBSITE_AUTH_ENABLED is not true' },
      },
      functions,
    );
    expect(vault.status).toBe('degraded');
    expect(vault.problems).toEqual(['APPROVAL_TOKEN_KEY is an unresolved Key Vault reference (@Microsoft.KeyVault(...))', 'WEBSITE_AUTH_ENABLED is not true']);
    expect(vault.callers).toEqual({ source: 'appServiceAuthentication', trusted: false, reason: 'WEBSITE_AUTH_ENABLED is not true' });
  });
});
