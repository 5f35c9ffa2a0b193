import { afterEach, describe, expect, it } from 'vitest';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import { ArmFleetApi } from '../../../src/adapters/arm/ArmFleetApi';
import { ArmPreflightSource } from '../../../src/adapters/arm/ArmPreflightSource';
import { ArmTransport } from '../../../src/adapters/arm/ArmTransport';
import { LogAnalyticsLogsQuery } from '../../../src/adapters/logs/LogAnalyticsLogsQuery';
import { getRunDetail, type RunDetailDeps } from '../../../src/app/history/getRunDetail';
import { parseConductorConfig } from '../../../src/domain/config/parseConductorConfig';
import { renderRunTimeline } from '../../../src/views/renderRunTimeline';
import { advanceClock, control, staticCredential } from '../../support/emulatorControl';
import { InMemoryAuditLog } from '../../support/fakes/InMemoryAuditLog';
import { InMemoryEvidenceStore } from '../../support/fakes/InMemoryEvidenceStore';
import { InMemoryGateStore } from '../../support/fakes/InMemoryGateStore';
import { InMemoryReleaseStore } from '../../support/fakes/InMemoryReleaseStore';
import { InMemoryRunHistory } from '../../support/fakes/InMemoryRunHistory';
import { tempCaFile } from '../../support/tempCaFile';
import { createServices } from '../../../src/composition/createServices';
import { WebhookNotifier } from '../../../src/adapters/notify/WebhookNotifier';
import { InMemoryOutbox } from '../../support/fakes/InMemoryOutbox';
import { InMemoryTimerRunLog } from '../../support/fakes/InMemoryTimerRunLog';

const SUB = '00000000-0000-0000-0000-0000000000d1';
const WORKSPACE = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-stuck`;
const RUN = 'k8s-1-33-2';

const cluster = (name: string, location: string, extra: Record<string, unknown> = {}) => ({ name: `aks-${name}`, resourceGroup: 'rg-aks', location, ...extra });

/**
 * One group, members one at a time in name order: a-west (westeurope has no 1.33.2 yet) goes Pending, b-window (daily 02:00-06:00 UTC,
 * closed at 08:00) goes Pending, c-pdb starts upgrading and its drain is blocked by a PodDisruptionBudget for 4 hours.
 */
function scenario(): Record<string, unknown> {
  return {
    name: 'stuck-members',
    subscriptionId: SUB,
    workspaceId: WORKSPACE,
    startTime: '2026-11-21T08:00:00Z',
    speed: 0,
    lro: 'sync',
    logs: { ingestionDelaySeconds: 0, sampleIntervalSeconds: 60 },
    defaults: { upgradeMinutes: 10, nodeCount: 2, kubernetesVersion: '1.32.7', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' },
    regions: {
      eastus: { kubernetesVersions: ['1.32.7', '1.33.2'], nodeImage: '202611.01.0' },
      westeurope: { kubernetesVersions: ['1.32.7'], nodeImage: '202611.01.0' },
    },
    fleets: [
      {
        name: 'fleet-stuck',
        resourceGroup: 'rg-fleet',
        location: 'eastus',
        members: [
          { name: 'a-west', group: 'all', cluster: cluster('west', 'westeurope') },
          { name: 'b-window', group: 'all', cluster: cluster('window', 'eastus', { maintenanceWindow: { startHourUtc: 2, durationHours: 4 } }) },
          {
            name: 'c-pdb',
            group: 'all',
            cluster: cluster('pdb', 'eastus', {
              workloads: [{ namespace: 'shop', controllerName: 'web', controllerKind: 'ReplicaSet', replicas: 2 }],
              blockingPdb: { namespace: 'shop', name: 'web-pdb', drainTimeoutMinutes: 240 },
            }),
          },
        ],
      },
    ],
  };
}

describe('stuck members explained in the run detail, from what Fleet, AKS and Log Analytics say (emulator)', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  it('Pending for a version not in the region, Pending for a closed maintenance window (until its next opening), upgrading 90 minutes with a PDB blocking the drain', async () => {
    emulator = await startEmulator({ scenario: scenario(), port: 0, speed: 0, caFile: tempCaFile() });
    const options = { endpoint: emulator.url, credentials: { scopes: ['https://management.azure.com/.default'] }, tlsOptions: { ca: emulator.caPem }, retryOptions: { maxRetries: 0 } };
    const sdk = new ContainerServiceFleetClient(staticCredential, SUB, options);
    const aks = new ContainerServiceClient(staticCredential, SUB, options);
    const fleetApi = new ArmFleetApi(() => sdk, new ArmTransport(sdk.pipeline, emulator.url), { previewApiVersion: '2026-03-02-preview', pollIntervalInMs: 5 });
    const logs = new LogAnalyticsLogsQuery(new LogsQueryClient(staticCredential, { endpoint: `${emulator.url}/v1`, tlsOptions: { ca: emulator.caPem }, retryOptions: { maxRetries: 0 } }));
    const parsed = parseConductorConfig({
      fleets: [{ name: 'fleet-stuck', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: WORKSPACE, strategy: 'one' }],
      strategies: [{ name: 'one', stages: [{ name: 'all', groups: ['all'] }] }],
      gatePolicies: [],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const clock = { nowIso: () => emulator!.control.sim.nowIso() };

    await sdk.updateRuns.createOrUpdate('rg-fleet', 'fleet-stuck', RUN, { properties: { managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' } } } }, { updateIntervalInMs: 5 });
    await sdk.updateRuns.start('rg-fleet', 'fleet-stuck', RUN, { updateIntervalInMs: 5 });
    await advanceClock(emulator, 90 * 60);

    const history = new InMemoryRunHistory();
    const observed = await fleetApi.observeRun(FLEET, 'fleet-stuck', RUN, clock.nowIso());
    await history.upsertRun(observed!.snapshot);
    const gates = new InMemoryGateStore();
    const evidence = new InMemoryEvidenceStore();
    const audit = new InMemoryAuditLog();
    const deps: RunDetailDeps = {
      config: parsed.value,
      history,
      gates,
      evidence,
      audit,
      releases: new InMemoryReleaseStore(),
      clock,
      diagnosis: { config: parsed.value, gates, evidence, preflight: new ArmPreflightSource(new ArmTransport(aks.pipeline, emulator.url)), logs, clock, policy: { memberUpgradeExpectedMinutes: 60 }, history, audit, outbox: new InMemoryOutbox(), stuckNotifyAfterMinutes: 120 },
    };
    await control(emulator, 'DELETE', '/_emulator/requests');
    const detail = await getRunDetail(deps, 'fleet-stuck', RUN);
    const d = detail!.diagnosis!;

    expect(d.state).toBe('stuck');
    expect(d.inFlight).toEqual([]);
    expect(d.unread).toEqual([]);
    expect(d.causes.map((c) => [c.kind, c.subject])).toEqual([
      ['MemberPendingVersionNotInRegion', 'a-west'],
      ['MemberPendingMaintenanceWindow', 'b-window'],
      ['MemberUpgradeSlow', 'c-pdb'],
    ]);
    const [west, window, pdb] = d.causes;
    expect(west!.message).toMatch(/target Kubernetes version 1\.33\.2 is not yet available in its region/);
    expect(west!.evidence).toMatchObject({ error: { code: 'KubernetesVersionNotAvailable' } });
    expect(window!.until).toBe('2026-11-22T02:00:00.000Z');
    expect(window!.message).toContain('aksManagedAutoUpgradeSchedule is closed until 2026-11-22T02:00:00.000Z');
    expect(pdb!.message).toMatch(/upgrading for 90 minutes \(expected at most 60\): an eviction is blocked by a PodDisruptionBudget \(Node default\/aks-nodepool1-\d+-vmss000000, Drain: .*blocked by pdb web-pdb/);
    expect(pdb!.evidence).toMatchObject({ explainedBy: 'PodDisruptionBudget' });
    expect((pdb!.evidence as { warningEvents: { source: string; count: number }[] }).warningEvents[0]).toMatchObject({ source: 'upgrader' });
    expect((pdb!.evidence as { warningEvents: { count: number }[] }).warningEvents[0]!.count).toBeGreaterThan(1);

    // Bounded reads: one maintenance list (only the Pending member not explained by its region), one Log Analytics query.
    const requests = (await control<{ value: { service: string; path: string }[] }>(emulator, 'GET', '/_emulator/requests')).value.filter((r) => r.service !== 'control');
    expect(requests.map((r) => `${r.service} ${r.path.replace(`/subscriptions/${SUB}`, '~')}`)).toEqual([
      'arm ~/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-window/maintenanceConfigurations',
      `logs /v1/workspaces/${WORKSPACE}/query`,
    ]);

    const page = renderRunTimeline(detail!, { now: clock.nowIso() });
    expect(page).toContain('Why is this run not progressing?');
    expect(page).toContain('MemberUpgradeSlow');
    expect(page).toContain('blocked by pdb web-pdb');

    // AKS gives up at the drain timeout: the member fails with the documented UpgradeFailed message.
    await advanceClock(emulator, 160 * 60);
    const after = await fleetApi.observeRun(FLEET, 'fleet-stuck', RUN, clock.nowIso());
    const pdbMember = after!.snapshot.stages[0]!.groups[0]!.members.find((m) => m.name === 'c-pdb');
    expect(pdbMember?.state).toBe('Failed');
    expect(pdbMember?.error?.code).toBe('UpgradeFailed');
    expect(pdbMember?.error?.message).toContain("Cannot evict pod as it would violate the pod's disruption budget");
  });

  it('the reconcile timer notifies the stuck run once, after two hours without progress (virtual clock), and records it', async () => {
    emulator = await startEmulator({ scenario: scenario(), port: 0, speed: 0, caFile: tempCaFile() });
    const emu = emulator;
    const options = { endpoint: emu.url, credentials: { scopes: ['https://management.azure.com/.default'] }, tlsOptions: { ca: emu.caPem }, retryOptions: { maxRetries: 0 } };
    const sdk = new ContainerServiceFleetClient(staticCredential, SUB, options);
    const aks = new ContainerServiceClient(staticCredential, SUB, options);
    const fleetApi = new ArmFleetApi(() => sdk, new ArmTransport(sdk.pipeline, emu.url), { previewApiVersion: '2026-03-02-preview', pollIntervalInMs: 5 });
    const logs = new LogAnalyticsLogsQuery(new LogsQueryClient(staticCredential, { endpoint: `${emu.url}/v1`, tlsOptions: { ca: emu.caPem }, retryOptions: { maxRetries: 0 } }));
    const parsed = parseConductorConfig({
      fleets: [{ name: 'fleet-stuck', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: WORKSPACE, strategy: 'one' }],
      strategies: [{ name: 'one', stages: [{ name: 'all', groups: ['all'] }] }],
      gatePolicies: [],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const config = parsed.value;
    const clock = { nowIso: () => emu.control.sim.nowIso() };
    const [gates, evidence, audit, outbox, history] = [new InMemoryGateStore(), new InMemoryEvidenceStore(), new InMemoryAuditLog(), new InMemoryOutbox(), new InMemoryRunHistory()];
    const diagnosis = { config, gates, evidence, preflight: new ArmPreflightSource(new ArmTransport(aks.pipeline, emu.url)), logs, clock, policy: { memberUpgradeExpectedMinutes: 60 } };
    const services = createServices({
      timerRuns: new InMemoryTimerRunLog(),
      clock,
      version: 'test',
      gates: () => ({ config, fleet: fleetApi, logs, gates, evidence, audit, outbox, clock, notifier: () => new WebhookNotifier(`${emu.url}/webhooks/conductor`, { caPem: emu.caPem }) }),
      watches: () => ({ stuck: { ...diagnosis, history, audit, outbox, stuckNotifyAfterMinutes: 120 } }),
    });
    const log = { info: () => undefined, warn: () => undefined };

    await sdk.updateRuns.createOrUpdate('rg-fleet', 'fleet-stuck', RUN, { properties: { managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' } } } }, { updateIntervalInMs: 5 });
    await sdk.updateRuns.start('rg-fleet', 'fleet-stuck', RUN, { updateIntervalInMs: 5 });
    const stuckWebhooks = async (): Promise<{ body: { reason?: string; since?: string; causes?: { kind: string }[] } }[]> =>
      (await control<{ value: { body: { reason?: string } }[] }>(emu, 'GET', '/_emulator/webhooks')).value.filter((h) => h.body.reason === 'RunStuck');
    // Ticks every 10 minutes for 3 hours; run history is kept current from Fleet as the recorder would.
    for (let minute = 10; minute <= 180; minute += 10) {
      await advanceClock(emu, 600);
      await history.upsertRun((await fleetApi.observeRun(FLEET, 'fleet-stuck', RUN, clock.nowIso()))!.snapshot);
      await services.reconcileAllFleets(log);
      expect(await stuckWebhooks()).toHaveLength(minute < 120 ? 0 : 1);
    }
    const [hook] = await stuckWebhooks();
    expect(hook!.body.since).toBe('2026-11-21T08:00:00.000Z');
    expect(hook!.body.causes?.map((c) => c.kind)).toEqual(['MemberPendingVersionNotInRegion', 'MemberPendingMaintenanceWindow', 'MemberUpgradeSlow']);
    const recorded = (await audit.listAuditEvents(FLEET, RUN)).filter((e) => e.kind === 'RunStuck');
    expect(recorded.map((e) => e.id)).toEqual([`${RUN}/RunStuck/2026-11-21T08:00:00.000Z`]);
  });
});
