import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWorld, type DemoWorld } from '../../devhost/startDemoWorld';
import { playStory, type StoryResult } from '../../devhost/story/playStory';
import { StoryClient } from '../../devhost/story/storyClient';
import { gateAfter, type StoryRunDetail } from '../../devhost/story/storyView';
import { tempCaFile } from '../support/tempCaFile';
import { withChromiumPage } from '../support/chromiumPage';

const ROOT = path.resolve(__dirname, '../..');
const appFiles = fs.readdirSync(path.join(ROOT, 'src/functions')).filter((f) => f.endsWith('.ts')).map((f) => path.join(ROOT, 'src/functions', f));
// Two hours: the approval link (checked by the console test after the resumed run completes) expires 240 virtual
// minutes after it was sent, and the story adds the operator's 15-minute watch before the resume.
const HOURS = 2;
const RESULTS = path.join(ROOT, 'test-results');

// `npm start`'s story, on the same code path (demo world, story driver, expected outcome), from source, faster.
describe('the demo story', () => {
  let world: DemoWorld;
  let result: StoryResult;
  const narration: string[] = [];
  let advancedTo: number | undefined;
  let prodEuBeforeAdvance: string | undefined;

  beforeAll(async () => {
    world = await startDemoWorld({
      rootDir: ROOT,
      scenario: 'demo-story',
      port: 0,
      emulatorPort: 0,
      speed: 120,
      caFile: tempCaFile(),
      log: () => undefined,
      appFiles,
      load: (file) => import(file),
    });
    const client = new StoryClient(world.hostUrl, world.azure.url, world.azure.caPem);
    // Mid-run, while prod-eu upgrades, the virtual clock jumps hours ahead: the app must follow it (its gate
    // windows end at the new virtual time) and still catch the crash loop instead of passing on stale windows.
    const onDetail = async (detail: StoryRunDetail): Promise<void> => {
      const euStage = detail.run.stages.find((s) => s.name === 'prod-eu');
      if (advancedTo !== undefined || euStage?.state !== 'Running') return;
      prodEuBeforeAdvance = gateAfter(detail, 'prod-eu')?.state.phase.name ?? 'not reached';
      const answer = await client.control('POST', '/clock', { advanceSeconds: HOURS * 3600 });
      advancedTo = (answer.body as { nowMs: number }).nowMs;
    };
    result = await playStory({ client, interactive: false, approveAfterMs: 300, timeoutMs: 150_000, narrate: (l) => narration.push(l), onDetail });
  }, 200_000);
  afterAll(() => world?.stop());

  it('plays from release to a stopped run, then heals, resumes and completes it, and its expected outcome holds', () => {
    expect(result.failures, narration.join('\n')).toEqual([]);
    expect(result.approvalLink).toMatch(new RegExp(`^${world.hostUrl}/api/approvals/`));
  });

  it('follows a virtual clock advanced by hours mid-run: the gate measured after the jump and failed', () => {
    expect(prodEuBeforeAdvance).toBe('not reached');
    expect(advancedTo).toBeDefined();
    const gate = result.stopped ? gateAfter(result.stopped, 'prod-eu') : undefined;
    expect(gate?.state.phase.name).toBe('Failed');
    const windowEnds = (gate?.evidence ?? []).flatMap((e) => e.evaluations.map((c) => Date.parse(c.evidence.window.end)));
    expect(windowEnds.length).toBeGreaterThan(0);
    for (const end of windowEnds) expect(end).toBeGreaterThanOrEqual(advancedTo ?? Infinity);
  });

  it('delivered every Event Grid event to the host it started, on its actual port', () => {
    const port = new URL(world.hostUrl).port;
    const grid = world.azure.control.eventGrid;
    expect([...grid.subscriptions.values()].map((s) => new URL(s.endpoint).port)).toEqual([port, port]);
    expect(grid.deliveries.length).toBeGreaterThan(0);
    expect(grid.deliveries.filter((d) => d.status !== 200)).toEqual([]);
    expect(grid.deadLetters).toEqual([]);
    // Nothing the app was given still names the default ports: approval links, sinks and endpoints follow the world.
    expect(Object.entries(world.settings).filter(([, v]) => /:(7071|9443)\b/.test(v))).toEqual([]);
    expect(world.settings.APP_BASE_URL).toBe(world.hostUrl);
    expect(world.settings.TEAMS_APPROVALS_URL).toBe(`${world.azure.url}/teams/workflows/approvals`);
  });

  it('serves the operator console: runs list, fleet page, run page and approval page, linked without a broken link', async () => {
    const run = result.runName ?? '';
    const pages = {
      'console-runs': `${world.hostUrl}/api/console/runs`,
      'console-runs-filtered': `${world.hostUrl}/api/console/runs?fleet=fleet-demo&state=Stopped`,
      'console-fleet': `${world.hostUrl}/api/console/fleets/fleet-demo`,
      'console-run': `${world.hostUrl}/api/runs/fleet-demo/${run}/view`,
      'console-approval': result.approvalLink ?? '',
    };
    const links = new Set<string>();
    for (const [name, url] of Object.entries(pages)) {
      const res = await fetch(url);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type'), name).toContain('text/html');
      const html = await res.text();
      expect(html, name).not.toMatch(/<script/i);
      for (const m of html.matchAll(/href="([^"#]+)"/g)) links.add(new URL((m[1] ?? '').replace(/&amp;/g, '&'), url).toString());
    }
    // Every page reaches the others: runs list → fleet and run; run → fleet; approval → run and fleet.
    for (const target of [pages['console-fleet'], pages['console-run'], pages['console-runs']]) expect([...links]).toContain(target);
    for (const link of links) expect((await fetch(link)).status, `link ${link}`).toBe(200);
    fs.mkdirSync(RESULTS, { recursive: true });
    await withChromiumPage(async (page) => {
      for (const [name, url] of Object.entries(pages)) {
        if (name === 'console-runs-filtered') continue;
        await page.goto(url);
        await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true });
      }
      await page.goto(pages['console-runs']);
      expect(await page.locator('table.runs tbody tr').count()).toBe(1);
      await page.locator('a.run-name').first().click();
      expect(page.url()).toBe(pages['console-run']);
    });
  }, 60_000);
});
