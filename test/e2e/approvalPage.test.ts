import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLEET } from '../integration/gates/gateWorld';
import { APPROVER, gateIdOf, RUN, startApprovalE2eWorld, type ApprovalE2eWorld } from './approvalE2eWorld';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.resolve(__dirname, '../../test-results/approval-page.png');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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
    await withPage(async (page) => {
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

/** A fresh Chromium profile, JavaScript off (the page works without it), always closed. */
async function withPage(body: (page: Page) => Promise<void>): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get update && apt-get install -y chromium); never 'npx playwright install'.`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'approval-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  try {
    await body(await context.newPage());
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}
