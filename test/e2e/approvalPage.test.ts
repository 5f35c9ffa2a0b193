import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLEET } from '../integration/gates/gateWorld';
import { withChromiumPage } from '../support/chromiumPage';
import { APPROVER, gateIdOf, RUN, startApprovalE2eWorld, type ApprovalE2eWorld } from './approvalE2eWorld';

const SCREENSHOT = path.resolve(__dirname, '../../test-results/approval-page.png');

describe('approval landing page end to end (emulator, Azurite, local host, Chromium)', () => {
  let world: ApprovalE2eWorld;

  beforeAll(async () => {
    world = await startApprovalE2eWorld();
  });
  afterAll(() => world.stop());

  it('the card lands in the Teams sink; its Approve link opened in Chromium and clicked completes the Fleet gate', async () => {
    const approveUrl = await world.runToApprovalCard();
    expect(approveUrl).toMatch(/\/api\/approvals\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\?decision=approve$/);
    expect(approveUrl.startsWith(world.hostUrl)).toBe(true);
    // The card names what the run rolls out (from the run's managedClusterUpdate) and the verdict per cluster.
    const card = JSON.stringify(world.emulator.control.webhooks.messages.find((m) => m.kind === 'teams' && m.accepted)?.body);
    expect(card).toContain('Kubernetes 1.33.2');
    expect(card).toContain('aks-dev-1');
    await withChromiumPage(async (page) => {
      const response = await page.goto(approveUrl, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(await page.locator('#request-outcome').innerText()).toBe('open');
      expect(await page.locator('#evidence').innerText()).toContain('aks-dev-1');
      await page.locator('#comment').fill('dev is healthy, go');
      await Promise.all([page.waitForURL((u) => !u.search.includes('decision=')), page.locator('button.approve').click()]);
      if ((await page.locator('#request-outcome').count()) === 0) throw new Error(`after the click: ${page.url()} ${await page.content()}`);
      expect(await page.locator('#request-outcome').innerText()).toBe('granted');
      expect(await page.locator('#your-decision').innerText()).toContain('You approved');
      expect(await page.locator('#decisions').innerText()).toContain('dev is healthy, go');
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);

    expect((await world.fleet.getGate(FLEET, gateIdOf(approveUrl)))?.state).toBe('Completed');
    // The audit trail has who, when, the comment and the evidence the approver saw.
    const decision = (await world.audit.listAuditEvents(FLEET, RUN)).find((e) => e.kind === 'ApprovalDecision');
    expect(decision).toMatchObject({
      actor: 'alice@contoso.com',
      data: { comment: 'dev is healthy, go', by: { objectId: APPROVER.objectId }, evidenceShown: { clusters: [{ cluster: 'aks-dev-1', verdict: 'Successful' }] } },
    });
    expect(typeof decision?.at).toBe('string');
  }, 120_000);
});
