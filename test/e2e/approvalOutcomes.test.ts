import { afterEach, describe, expect, it } from 'vitest';
import { DEVHOST_PRINCIPAL_HEADER } from '../../devhost/FunctionHost';
import { FLEET } from '../integration/gates/gateWorld';
import { advanceClock } from '../support/emulatorControl';
import { gateIdOf, log, RUN, startApprovalE2eWorld, type ApprovalE2eWorld } from './approvalE2eWorld';

const as = (name: string): Record<string, string> => ({
  [DEVHOST_PRINCIPAL_HEADER]: Buffer.from(JSON.stringify({ name, objectId: `oid-${name}`, roles: [] })).toString('base64'),
});

/** What a browser does: GET the page (form token), POST the form same-origin `times` times (a double click); the last status. */
async function decide(link: string, who: string, decision: 'approve' | 'reject', comment = '', times = 1): Promise<number> {
  const page = new URL(link);
  page.search = '';
  const text = await (await fetch(page, { headers: as(who) })).text();
  const formToken = /name="formToken" value="([^"]+)"/.exec(text)?.[1] ?? '';
  let status = 0;
  for (let i = 0; i < times; i++) {
    const res = await fetch(page, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...as(who) },
      body: new URLSearchParams({ decision, comment, formToken }).toString(),
    });
    status = res.status;
  }
  return status;
}

describe('approval outcomes against the emulator (Fleet gate, run and virtual time are the emulator\'s)', () => {
  let world: ApprovalE2eWorld | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it('reject → the run is stopped with the reason; the Fleet gate is never completed', async () => {
    world = await startApprovalE2eWorld({ onReject: 'stop' });
    const link = await world.runToApprovalCard();
    expect(await decide(link, 'bob@contoso.com', 'reject', 'dev error rate is up')).toBe(303);
    const run = await world.fleet.getUpdateRun(FLEET, RUN);
    expect(['Stopping', 'Stopped']).toContain(run?.state);
    expect((await world.fleet.getGate(FLEET, gateIdOf(link)))?.state).not.toBe('Completed');
    const events = await world.audit.listAuditEvents(FLEET, RUN);
    expect(events.some((e) => e.kind === 'ApprovalDecision' && e.message.includes('rejected'))).toBe(true);
  }, 60_000);

  it('expiry → the configured action (skip the gated stage) on the reconcile timer', async () => {
    world = await startApprovalE2eWorld({ onExpire: 'skip', expiresAfterMinutes: 30 });
    const link = await world.runToApprovalCard();
    await advanceClock(world.emulator, 31 * 60);
    await world.services.reconcileAllFleets(log);
    expect((await world.fleet.getGate(FLEET, gateIdOf(link)))?.state).toBe('Skipped');
    expect(await decide(link, 'alice@contoso.com', 'approve')).toBe(410);
    const events = await world.audit.listAuditEvents(FLEET, RUN);
    expect(events.filter((e) => e.kind === 'ApprovalExpired')).toHaveLength(1);
  }, 60_000);

  it('quorum 2 needs two distinct approvers: the same one twice does not complete the gate', async () => {
    world = await startApprovalE2eWorld({ quorum: 2 });
    const link = await world.runToApprovalCard();
    const gateId = gateIdOf(link);
    expect(await decide(link, 'alice@contoso.com', 'approve', 'once', 2)).toBe(303);
    await world.services.reconcileAllFleets(log);
    expect((await world.fleet.getGate(FLEET, gateId))?.state).not.toBe('Completed');
    expect((await world.approvals.getLedger(FLEET, gateId))?.ledger.decisions).toHaveLength(1);
    expect(await decide(link, 'bob@contoso.com', 'approve')).toBe(303);
    expect((await world.fleet.getGate(FLEET, gateId))?.state).toBe('Completed');
  }, 60_000);
});
