import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HttpHandler } from '@azure/functions';
import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { FunctionHost } from '../../devhost/FunctionHost';
import type { RegisteredFunction } from '../../devhost/functionsCoreShim';
import { startEmulator, type RunningEmulator } from '../../emulator/startEmulator';
import { createServices, type Services } from '../../src/composition';
import { parseConductorConfig } from '../../src/domain/config/parseConductorConfig';
import { ArmFleetApi } from '../../src/adapters/arm/ArmFleetApi';
import { ArmTransport } from '../../src/adapters/arm/ArmTransport';
import { LogAnalyticsLogsQuery } from '../../src/adapters/logs/LogAnalyticsLogsQuery';
import { createTableClientFactory } from '../../src/adapters/tables/tableClientFactory';
import { TableGateStore } from '../../src/adapters/tables/TableGateStore';
import { TableEvidenceStore } from '../../src/adapters/tables/TableEvidenceStore';
import { TableAuditLog } from '../../src/adapters/tables/TableAuditLog';
import { TableOutbox } from '../../src/adapters/tables/TableOutbox';
import { TableTimerRunLog } from '../../src/adapters/tables/TableTimerRunLog';
import { TableApprovalStore } from '../../src/adapters/tables/TableApprovalStore';
import { HmacSigner } from '../../src/adapters/crypto/HmacSigner';
import { ChannelNotifier } from '../../src/adapters/notify/ChannelNotifier';
import { TeamsNotifier } from '../../src/adapters/notify/TeamsNotifier';
import { LogNotifier } from '../../src/adapters/notify/LogNotifier';
import { APPROVAL_CHANNEL } from '../../src/app/approvals/approvalChannels';
import { createApprovalPageHandler } from '../../src/functions/approvalPage';
import { createDecideApprovalHandler } from '../../src/functions/decideApproval';
import { createApprovalCallbackHandler } from '../../src/functions/approvalCallback';
import { advanceClock, staticCredential } from '../support/emulatorControl';
import { FLEET, scenario, SUB, WORKSPACE } from '../integration/gates/gateWorld';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.resolve(__dirname, '../../test-results/approval-page.png');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const APPROVER = { name: 'alice@contoso.com', objectId: '0b6f3c1e-0000-4000-8000-00000000a11c' };
const RUN = 'k8s-1-33-2';

function http(name: string, route: string, method: string, make: (s: () => Services) => HttpHandler, services: () => Services): RegisteredFunction {
  return { name, bindings: { trigger: { type: 'httpTrigger', direction: 'in', route, methods: [method], authLevel: 'anonymous' } }, handler: make(services) as RegisteredFunction['handler'] };
}

function config() {
  const result = parseConductorConfig({
    fleets: [{ name: 'fleet-gates', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: WORKSPACE, strategy: 'conductor' }],
    strategies: [{ name: 'conductor', stages: [{ name: 'dev', groups: ['dev'], afterGate: 'dev-approval' }, { name: 'canary', groups: ['canary'] }, { name: 'prod', groups: ['prod'] }] }],
    gatePolicies: [
      {
        id: 'dev-approval',
        checks: [{ name: 'nodes', type: 'nodes-ready' }, { name: 'pods', type: 'pods-healthy' }],
        analysis: { initialDelaySeconds: 60, intervalSeconds: 60, count: 1 },
        approval: { approvers: { users: [APPROVER.name] }, quorum: 1, expiresAfterMinutes: 120, channels: { teams: { webhookUrlSetting: 'TEAMS_APPROVALS_URL' } } },
      },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe('approval landing page end to end (emulator, Azurite, local host, Chromium)', () => {
  let emulator: RunningEmulator;
  let host: FunctionHost;
  let services: Services;
  let fleet: ArmFleetApi;
  let sdk: ContainerServiceFleetClient;
  const log = { info: () => undefined, warn: () => undefined };

  beforeAll(async () => {
    emulator = await startEmulator({ scenario: scenario(), port: 0, speed: 0, caFile: `.local/test-ca-${randomUUID()}.pem` });
    sdk = new ContainerServiceFleetClient(staticCredential, SUB, { endpoint: emulator.url, credentials: { scopes: ['https://management.azure.com/.default'] }, tlsOptions: { ca: emulator.caPem } });
    fleet = new ArmFleetApi(() => sdk, new ArmTransport(sdk.pipeline, emulator.url, { pollIntervalInMs: 5, lroTimeoutInMs: 10_000 }), { previewApiVersion: '2026-03-02-preview', pollIntervalInMs: 5 });
    const logs = new LogAnalyticsLogsQuery(new LogsQueryClient(staticCredential, { endpoint: `${emulator.url}/v1`, tlsOptions: { ca: emulator.caPem }, retryOptions: { maxRetries: 0 } }));
    const prefix = `a${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const tables = createTableClientFactory({ kind: 'connectionString', connectionString: inject('azuriteConnectionString') }, prefix, () => {
      throw new Error('no token credential for Azurite');
    });
    const clock = { nowIso: () => emulator.control.sim.nowIso() };
    // The host injects the configured development principal, as the local host does (App Service authentication in Azure).
    host = new FunctionHost({
      functions: [
        http('approvalCallback', 'approvals/callback', 'POST', createApprovalCallbackHandler, () => services),
        http('approvalPage', 'approvals/{token}', 'GET', createApprovalPageHandler, () => services),
        http('decideApproval', 'approvals/{token}', 'POST', createDecideApprovalHandler, () => services),
      ],
      settings: {},
      timers: false,
      log: () => undefined,
      principal: APPROVER,
    });
    const hostUrl = await host.listen(0);
    const settings: Record<string, string> = { TEAMS_APPROVALS_URL: `${emulator.url}/teams/workflows/approvals` };
    const conductor = config();
    services = createServices({
      timerRuns: new TableTimerRunLog(tables),
      clock,
      version: 'test',
      gates: () => ({
        config: conductor,
        fleet,
        logs,
        gates: new TableGateStore(tables),
        evidence: new TableEvidenceStore(tables),
        audit: new TableAuditLog(tables),
        outbox: new TableOutbox(tables),
        clock,
        approvals: { store: new TableApprovalStore(tables), signer: new HmacSigner(Buffer.alloc(32, 42).toString('base64')), publicBaseUrl: hostUrl, appSetting: (name) => settings[name] },
        notifier: () => new ChannelNotifier({ [APPROVAL_CHANNEL.teams]: new TeamsNotifier((name) => settings[name], { caPem: emulator.caPem }) }, new LogNotifier(() => log)),
      }),
    });
  });
  afterAll(async () => {
    await host.close();
    await emulator.stop();
  });

  it('the card lands in the Teams sink; its Approve link opened in Chromium and clicked completes the Fleet gate', async () => {
    await services.reconcileAllFleets(log); // applies the strategy with the conductor:dev-approval gate
    await sdk.updateRuns.createOrUpdate('rg-fleet', 'fleet-gates', RUN, {
      properties: { updateStrategyId: `${FLEET}/updateStrategies/conductor`, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' } } },
    }, { updateIntervalInMs: 5 });
    await sdk.updateRuns.start('rg-fleet', 'fleet-gates', RUN, { updateIntervalInMs: 5 });

    const cards = () => emulator.control.webhooks.messages.filter((m) => m.kind === 'teams' && m.accepted);
    for (let minute = 0; minute < 60 && cards().length === 0; minute++) {
      await advanceClock(emulator, 60);
      await services.reconcileAllFleets(log);
    }
    expect(cards()).toHaveLength(1);
    const card = cards()[0]?.body as { attachments: { content: { actions: { title: string; url: string }[] } }[] };
    const approveUrl = card.attachments[0]?.content.actions.find((a) => a.title === 'Approve')?.url ?? '';
    expect(approveUrl).toMatch(/\/api\/approvals\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\?decision=approve$/);

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

    const token = new URL(approveUrl).pathname.split('/').pop() ?? '';
    const claims = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { gateId: string };
    expect((await fleet.getGate(FLEET, claims.gateId))?.state).toBe('Completed');
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
