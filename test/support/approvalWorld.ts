import { expect } from 'vitest';
import { reconcileGate } from '../../src/app/gates/reconcileGate';
import { APPROVAL_CHANNEL } from '../../src/app/approvals/approvalChannels';
import { parseConductorConfig } from '../../src/domain/config/parseConductorConfig';
import type { ConductorConfig } from '../../src/domain/config/conductorConfig';
import { parseConfig } from '../../src/config';
import { composeApp } from '../../src/composition/composeApp';
import { InMemoryGateStore } from './fakes/InMemoryGateStore';
import { InMemoryEvidenceStore } from './fakes/InMemoryEvidenceStore';
import { InMemoryAuditLog } from './fakes/InMemoryAuditLog';
import { InMemoryOutbox } from './fakes/InMemoryOutbox';
import { InMemoryApprovalStore } from './fakes/InMemoryApprovalStore';
import { InMemoryReleaseStore } from './fakes/InMemoryReleaseStore';
import { InMemoryRunHistory } from './fakes/InMemoryRunHistory';
import { InMemoryTimerRunLog } from './fakes/InMemoryTimerRunLog';
import { FakeFleetApi } from './fakes/FakeFleetApi';
import { FakeLogsQuery } from './fakes/FakeLogsQuery';

/** A gate with an approval policy (quorum 2 of alice/bob, 60 min, Teams + signed webhook) over in-memory stores. */
export const SUB = '00000000-0000-0000-0000-000000000001';
export const FLEET_ID = `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-1`;
export const GATE = '11111111-2222-3333-4444-555555555555';
export const RUN = 'k8s-1-33-4';
export const KEY = Buffer.alloc(32, 9).toString('base64');
export const SETTINGS: Record<string, string> = { TEAMS_URL: 'https://teams.example/workflows/1', HOOK_URL: 'https://hook.example/approvals', HOOK_SECRET: 'hook-secret' };
export const cluster = (name: string): string => `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/${name}`;
export const alice = { name: 'alice@contoso.com', objectId: 'a11ce000-0000-4000-8000-000000000001', groups: [] };
export const bob = { name: 'Bob@Contoso.com', objectId: 'B0B00000-0000-0000-0000-000000000000', groups: [] };
export const mallory = { name: 'mallory@contoso.com', objectId: 'ba000000-0000-4000-8000-000000000666', groups: [] };

export function config(approval: Record<string, unknown>): ConductorConfig {
  const result = parseConductorConfig({
    fleets: [{ name: 'fleet-1', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 's' }],
    strategies: [{ name: 's', stages: [{ name: 'canary', groups: ['canary'], afterGate: 'canary-health' }, { name: 'prod', groups: ['prod'] }] }],
    gatePolicies: [
      {
        id: 'canary-health',
        checks: [{ name: 'nodes', type: 'nodes-ready' }],
        analysis: { initialDelaySeconds: 60, intervalSeconds: 30, count: 1 },
        approval: {
          approvers: { users: ['alice@contoso.com', 'bob@contoso.com'] },
          quorum: 2,
          expiresAfterMinutes: 60,
          onExpire: 'stop',
          onReject: 'stop',
          channels: { teams: { webhookUrlSetting: 'TEAMS_URL' }, webhook: { urlSetting: 'HOOK_URL', secretSetting: 'HOOK_SECRET' } },
          ...approval,
        },
      },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

export class Clock {
  constructor(public ms = Date.parse('2026-11-21T10:00:00Z')) {}
  nowIso = (): string => new Date(this.ms).toISOString();
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

/**
 * The production composition over in-memory fakes (the adapters seam), with the settings production reads:
 * APPROVAL_TOKEN_KEY, APP_BASE_URL, the channel settings the policy names and, by default, the local host as the
 * principal source (`settings` may override it, e.g. to show an untrusted composition).
 */
export function world(approval: Record<string, unknown> = {}, settings: Record<string, string> = SETTINGS) {
  const fleet = new FakeFleetApi();
  fleet.gates.set(GATE, { fleetId: FLEET_ID, gateId: GATE, displayName: 'conductor:canary-health', gateType: 'Approval', state: 'Pending', runName: RUN, stage: 'canary', timing: 'After' });
  fleet.runs.set(RUN, {
    fleetId: FLEET_ID,
    name: RUN,
    state: 'Running',
    status: { stages: [{ name: 'canary', groups: [{ name: 'canary', members: [{ name: 'canary-1', clusterResourceId: cluster('aks-canary-1'), status: { state: 'Completed' } }] }] }] },
  });
  // As in production, ledgers are sealed on write and verified on read; `rawStore` is the table underneath (for
  // tests that edit a row behind Conductor's back).
  const rawStore = new InMemoryApprovalStore();
  const clock = new Clock();
  const adapters = {
    conductor: config(approval),
    fleet,
    logs: new FakeLogsQuery(),
    gates: new InMemoryGateStore(),
    evidence: new InMemoryEvidenceStore(),
    audit: new InMemoryAuditLog(),
    outbox: new InMemoryOutbox(),
    approvals: rawStore,
    releases: new InMemoryReleaseStore(),
    history: new InMemoryRunHistory(),
    timerRuns: new InMemoryTimerRunLog(),
  };
  const app = composeApp(
    parseConfig({
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      APPROVAL_TOKEN_KEY: KEY,
      APP_BASE_URL: 'https://conductor.example',
      CONDUCTOR_PRINCIPAL_SOURCE: 'localDevelopment',
      ...settings,
    }),
    { clock, adapters },
  );
  const log = { info: (): void => undefined, warn: (): void => undefined };
  const gateWorld = app.deps.gates();
  const approvals = gateWorld.approvals;
  if (approvals === undefined) throw new Error('the composition wires no approvals');
  const deps = { ...gateWorld, log, approvals };
  return { app, deps, fleet, store: approvals.store, rawStore, clock, outbox: adapters.outbox, audit: adapters.audit, gates: adapters.gates };
}

export type World = ReturnType<typeof world>;
export const ref = { fleetId: FLEET_ID, gateId: GATE };

/** Observe, soak, check (healthy): the gate then awaits approval and the request went out. */
export async function awaitingApproval(w: World): Promise<string> {
  await reconcileGate(w.deps, ref);
  w.clock.advance(61);
  expect(await reconcileGate(w.deps, ref)).toMatchObject({ phase: 'AwaitingApproval' });
  const hook = w.outbox.all().find((m) => m.channel === APPROVAL_CHANNEL.webhook);
  const approve = JSON.parse(String(hook?.payload.body)) as { links: { approve: string } };
  return new URL(approve.links.approve).pathname.split('/').pop() ?? '';
}

