import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRunTimeline } from '../../src/views/renderRunTimeline';
import { aRunDetail, CANARY_GATE_ID, DEV_GATE_ID, FAILING_CLUSTER, FIXTURE_NOW } from '../support/runDetailFixture';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.resolve(__dirname, '../../test-results/run-timeline.png');
/** The probe's flags: without the background-networking ones Chromium hammers this machine's closed network. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('run timeline page in headless Chromium', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    const pages = new Map([
      ['/api/runs/fleet-prod/k8s-1-33-4/view', renderRunTimeline(aRunDetail(), { now: FIXTURE_NOW })],
      ['/api/runs/fleet-prod/hostile/view', renderRunTimeline(aRunDetail({ runName: HOSTILE_RUN, failingMemberName: HOSTILE_MEMBER, queryPrefix: HOSTILE_QUERY }), { now: FIXTURE_NOW })],
    ]);
    server = http.createServer((req, res) => {
      const page = pages.get(req.url ?? '');
      res.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
      res.end(page ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  it('shows the failed gate, the failing cluster and the chart with JavaScript off, and saves a screenshot', async () => {
    await withPage(async (page) => {
      const response = await page.goto(`${base}/api/runs/fleet-prod/k8s-1-33-4/view`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(await page.title()).toContain('k8s-1-33-4');

      await expect.poll(() => page.locator('h1').innerText()).toContain('Stopped');
      const failedGate = page.locator(`section.gate-card[data-gate-id="${CANARY_GATE_ID}"]`);
      expect(await failedGate.isVisible()).toBe(true);
      const failedText = await failedGate.innerText();
      expect(failedText).toContain('conductor:prod-health');
      expect(failedText).toContain('Failed');
      expect(failedText).toContain('CheckFailed');
      // The failing verdict row names the cluster and is visible (failed evaluations are open by default).
      const failingRow = failedGate.locator('table.verdicts tr.tone-bad');
      expect(await failingRow.count()).toBe(1);
      expect(await failingRow.isVisible()).toBe(true);
      expect(await failingRow.innerText()).toContain(FAILING_CLUSTER);
      expect(await failedGate.locator('pre.kql').first().isVisible()).toBe(true);
      expect(await page.locator(`section.gate-card[data-gate-id="${DEV_GATE_ID}"] .badge`).first().innerText()).toBe('Passed');
      expect(await page.locator('#approvals').innerText()).toContain('No approvals recorded');

      const svg = page.locator('svg.gantt');
      const box = await svg.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(800);
      expect(box?.height ?? 0).toBeGreaterThan(200);
      // 3 stages + 5 groups + 8 members; prod never started, so bars only for dev and canary (2 stages, 3 groups, 5 members).
      expect(await svg.locator('g.row').count()).toBe(16);
      expect(await svg.locator('rect.bar').count()).toBe(10);
      expect(await svg.locator('g.gate').count()).toBe(2);
      const stageBar = await svg.locator('g.row[data-path="canary"] rect.bar').boundingBox();
      expect(stageBar?.width ?? 0).toBeGreaterThan(50);

      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    });
  }, 20_000);

  it('renders hostile names and query text as text, never as elements', async () => {
    await withPage(async (page) => {
      await page.goto(`${base}/api/runs/fleet-prod/hostile/view`, { waitUntil: 'load' });
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('h1 .run-name').innerText()).toBe(HOSTILE_RUN);
      expect(await page.locator(`section.gate-card[data-gate-id="${CANARY_GATE_ID}"] pre.kql`).first().innerText()).toMatch(/^<\/pre><script>alert\("query"\)<\/script>\nlet clusters/);
      expect(await page.locator(`g.row[data-path="canary/canary-eu/${HOSTILE_MEMBER.replace(/"/g, '\\"')}"]`).count()).toBe(1);
    });
  }, 20_000);
});

const HOSTILE_RUN = `<script>document.title="pwned"</script>`;
const HOSTILE_MEMBER = `"><img src=x onerror=alert(1)>`;
const HOSTILE_QUERY = `</pre><script>alert("query")</script>\n`;

/** A fresh Chromium profile per test, JavaScript off (the page promises to work without it), always closed. */
async function withPage(body: (page: Page) => Promise<void>): Promise<void> {
  // A missing browser must fail loudly: a silently skipped browser test would hide that CI never rendered the page.
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get update && apt-get install -y chromium); never 'npx playwright install'.`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-timeline-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 900 },
  });
  try {
    await body(await context.newPage());
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}
