import type { HttpHandler } from '@azure/functions';
import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { FunctionHost } from '../../devhost/FunctionHost';
import type { RegisteredFunction } from '../../devhost/functionsCoreShim';
import { startEmulator, type RunningEmulator } from '../../emulator/startEmulator';
import type { Services } from '../../src/composition';
import type { ApprovalStore, AuditLog, FleetApi } from '../../src/ports';
import { createApprovalPageHandler } from '../../src/functions/approvalPage';
import { createDecideApprovalHandler } from '../../src/functions/decideApproval';
import { createApprovalCallbackHandler } from '../../src/functions/approvalCallback';
import { advanceClock, staticCredential } from '../support/emulatorControl';
import { emulatorApp, uniquePrefix } from '../support/emulatorApp';
import { FLEET, scenario, SUB, WORKSPACE } from '../integration/gates/gateWorld';
import { tempCaFile } from '../support/tempCaFile';

export const APPROVER = { name: 'alice@contoso.com', objectId: '0b6f3c1e-0000-4000-8000-00000000a11c' };
export const RUN = 'k8s-1-33-2';

function http(name: string, route: string, method: string, make: (s: () => Services) => HttpHandler, services: () => Services): RegisteredFunction {
  return { name, bindings: { trigger: { type: 'httpTrigger', direction: 'in', route, methods: [method], authLevel: 'anonymous' } }, handler: make(services) as RegisteredFunction['handler'] };
}

function conductorDocument(approval: Record<string, unknown>): Record<string, unknown> {
  return {
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
  };
}

export interface ApprovalE2eWorld {
  readonly emulator: RunningEmulator;
  readonly services: Services;
  readonly fleet: FleetApi;
  readonly hostUrl: string;
  /** The Approvals table as stored (the app seals the ledgers it writes there). */
  readonly approvals: ApprovalStore;
  readonly audit: AuditLog;
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
  // The test's own Fleet client: it acts as Fleet's user (creating and starting the run), not as the app.
  const sdk = new ContainerServiceFleetClient(staticCredential, SUB, { endpoint: emulator.url, credentials: { scopes: ['https://management.azure.com/.default'] }, tlsOptions: { ca: emulator.caPem } });
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
  const composed = emulatorApp(emulator, {
    conductor: conductorDocument(approval),
    tablePrefix: uniquePrefix('a'),
    settings: {
      APPROVAL_TOKEN_KEY: Buffer.alloc(32, 42).toString('base64'),
      APP_BASE_URL: hostUrl,
      TEAMS_APPROVALS_URL: `${emulator.url}/teams/workflows/approvals`,
    },
  });
  const { services: built, adapters } = composed.app;
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
    fleet: adapters.fleet,
    hostUrl,
    approvals: adapters.approvals,
    audit: adapters.audit,
    runToApprovalCard,
    stop: async () => {
      composed.dispose();
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
