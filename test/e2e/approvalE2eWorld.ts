import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
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
import { sealedApprovalStore } from '../../src/app/approvals/sealedApprovalStore';
import type { ApprovalStore } from '../../src/ports';
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
import { tempCaFile } from '../support/tempCaFile';

export const APPROVER = { name: 'alice@contoso.com', objectId: '0b6f3c1e-0000-4000-8000-00000000a11c' };
export const RUN = 'k8s-1-33-2';

function http(name: string, route: string, method: string, make: (s: () => Services) => HttpHandler, services: () => Services): RegisteredFunction {
  return { name, bindings: { trigger: { type: 'httpTrigger', direction: 'in', route, methods: [method], authLevel: 'anonymous' } }, handler: make(services) as RegisteredFunction['handler'] };
}

function config(approval: Record<string, unknown>) {
  const result = parseConductorConfig({
    fleets: [{ name: 'fleet-gates', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: WORKSPACE, strategy: 'conductor' }],
    strategies: [{ name: 'conductor', stages: [{ name: 'dev', groups: ['dev'], afterGate: 'dev-approval' }, { name: 'canary', groups: ['canary'] }, { name: 'prod', groups: ['prod'] }] }],
    gatePolicies: [
      {
        id: 'dev-approval',
        checks: [{ name: 'nodes', type: 'nodes-ready' }, { name: 'pods', type: 'pods-healthy' }],
        // Soak 4 min: the checks' first window starts at the end of the upgrade and rows take up to 3 min to arrive.
        analysis: { initialDelaySeconds: 240, intervalSeconds: 60, count: 1 },
        approval: { approvers: { users: [APPROVER.name, 'bob@contoso.com'] }, quorum: 1, expiresAfterMinutes: 120, channels: { teams: { webhookUrlSetting: 'TEAMS_APPROVALS_URL' } }, ...approval },
      },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

export interface ApprovalE2eWorld {
  readonly emulator: RunningEmulator;
  readonly services: Services;
  readonly fleet: ArmFleetApi;
  readonly hostUrl: string;
  /** The sealed store over the Approvals table, as production composes it. */
  readonly approvals: ApprovalStore;
  readonly audit: TableAuditLog;
  /** Starts the run and drives the reconcile timer (virtual minutes) until the card is in the Teams sink; returns the card's Approve URL. */
  runToApprovalCard(): Promise<string>;
  stop(): Promise<void>;
}

export const log = { info: (): void => undefined, warn: (): void => undefined };

/**
 * Emulator (ARM, Log Analytics, Teams sink) + Azurite + a local Functions host serving the approval routes, with a
 * gated strategy whose `dev` stage ends with `conductor:dev-approval`. The host injects APPROVER as the signed-in
 * principal (App Service authentication in Azure); `x-devhost-principal` overrides it per request.
 */
export async function startApprovalE2eWorld(approval: Record<string, unknown> = {}): Promise<ApprovalE2eWorld> {
  const emulator = await startEmulator({ scenario: scenario(), port: 0, speed: 0, caFile: tempCaFile() });
  const sdk = new ContainerServiceFleetClient(staticCredential, SUB, { endpoint: emulator.url, credentials: { scopes: ['https://management.azure.com/.default'] }, tlsOptions: { ca: emulator.caPem } });
  const fleet = new ArmFleetApi(() => sdk, new ArmTransport(sdk.pipeline, emulator.url, { pollIntervalInMs: 5, lroTimeoutInMs: 10_000 }), { previewApiVersion: '2026-03-02-preview', pollIntervalInMs: 5 });
  const logs = new LogAnalyticsLogsQuery(new LogsQueryClient(staticCredential, { endpoint: `${emulator.url}/v1`, tlsOptions: { ca: emulator.caPem }, retryOptions: { maxRetries: 0 } }));
  const prefix = `a${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const tables = createTableClientFactory({ kind: 'connectionString', connectionString: inject('azuriteConnectionString') }, prefix, () => {
    throw new Error('no token credential for Azurite');
  });
  const clock = { nowIso: () => emulator.control.sim.nowIso() };
  // The host is up before the services: the links need its URL, the handlers only call services per request.
  const holder: { services?: Services } = {};
  const lazy = (): Services => {
    if (!holder.services) throw new Error('services not built yet');
    return holder.services;
  };
  const host = new FunctionHost({
    functions: [
      http('approvalCallback', 'approvals/callback', 'POST', createApprovalCallbackHandler, lazy),
      http('approvalPage', 'approvals/{token}', 'GET', createApprovalPageHandler, lazy),
      http('decideApproval', 'approvals/{token}', 'POST', createDecideApprovalHandler, lazy),
    ],
    settings: {},
    timers: false,
    log: () => undefined,
    principal: APPROVER,
    allowPrincipalOverride: true,
  });
  const hostUrl = await host.listen(0);
  const settings: Record<string, string> = { TEAMS_APPROVALS_URL: `${emulator.url}/teams/workflows/approvals` };
  const conductor = config(approval);
  const signer = new HmacSigner(Buffer.alloc(32, 42).toString('base64'));
  const approvals = sealedApprovalStore(new TableApprovalStore(tables), signer);
  const audit = new TableAuditLog(tables);
  const built = createServices({
    timerRuns: new TableTimerRunLog(tables),
    clock,
    version: 'test',
    // The local host is the principal source of these worlds (it strips client-sent principal headers).
    callerTrust: { source: 'localDevelopment', trusted: true },
    gates: () => ({
      config: conductor,
      fleet,
      logs,
      gates: new TableGateStore(tables),
      evidence: new TableEvidenceStore(tables),
      audit,
      outbox: new TableOutbox(tables),
      clock,
      approvals: { store: approvals, signer, publicBaseUrl: hostUrl, appSetting: (name) => settings[name] },
      notifier: () => new ChannelNotifier({ [APPROVAL_CHANNEL.teams]: new TeamsNotifier((name) => settings[name], { caPem: emulator.caPem }) }, new LogNotifier(() => log)),
    }),
  });
  holder.services = built;
  const runToApprovalCard = async (): Promise<string> => {
    await built.reconcileAllFleets(log); // applies the strategy with the conductor:dev-approval gate
    await sdk.updateRuns.createOrUpdate(
      'rg-fleet',
      'fleet-gates',
      RUN,
      { properties: { updateStrategyId: `${FLEET}/updateStrategies/conductor`, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' } } } },
      { updateIntervalInMs: 5 },
    );
    await sdk.updateRuns.start('rg-fleet', 'fleet-gates', RUN, { updateIntervalInMs: 5 });
    const cards = () => emulator.control.webhooks.messages.filter((m) => m.kind === 'teams' && m.accepted);
    for (let minute = 0; minute < 60 && cards().length === 0; minute++) {
      await advanceClock(emulator, 60);
      await built.reconcileAllFleets(log);
    }
    if (cards().length !== 1) throw new Error(`expected one card in the Teams sink, got ${cards().length}`);
    const card = cards()[0]?.body as { attachments: { content: { actions: { title: string; url: string }[] } }[] };
    return card.attachments[0]?.content.actions.find((a) => a.title === 'Approve')?.url ?? '';
  };
  return {
    emulator,
    services: built,
    fleet,
    hostUrl,
    approvals,
    audit,
    runToApprovalCard,
    stop: async () => {
      await host.close();
      await emulator.stop();
    },
  };
}

/** The gate id a link token is bound to (read from its payload; the signature is the app's business). */
export function gateIdOf(link: string): string {
  const token = new URL(link).pathname.split('/').pop() ?? '';
  return (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { gateId: string }).gateId;
}
