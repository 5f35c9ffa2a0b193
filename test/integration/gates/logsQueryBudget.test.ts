import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import type { App } from '../../../src/composition/composeApp';
import { emulatorApp, uniquePrefix, type EmulatorApp } from '../../support/emulatorApp';
import { advanceClock, control, staticCredential, type LoggedRequest } from '../../support/emulatorControl';
import { tempCaFile } from '../../support/tempCaFile';

const SUB = '00000000-0000-0000-0000-0000000000f8';
const WS = '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c';
const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-budget/providers/Microsoft.ContainerService/fleets/fleet-budget`;

/**
 * Issue 14: the composed app keeps its Log Analytics queries inside the identity's budget (Azure: 200 per 30 s, 5 at
 * once). Here the budget is lowered to 2 queries per 30 s and the gate has 3 checks, with the emulator's clock standing
 * still: the third query would wait 30 s, more than a query may wait, so it is not sent and its check is an Error —
 * the gate is not completed on two checks out of three. Once the window has passed, the next evaluation measures the
 * third check and completes the gate.
 */
describe('a gate whose checks exceed the Log Analytics query budget (issue 14)', () => {
  let emulator: RunningEmulator;
  let composed: EmulatorApp;
  let app: App;
  const log = { info: () => undefined, warn: () => undefined };

  beforeAll(async () => {
    emulator = await startEmulator({
      scenario: {
        name: 'logs-budget',
        subscriptionId: SUB,
        startTime: '2026-11-21T08:00:00Z',
        speed: 0,
        workspaceId: WS,
        // Log Analytics itself holds the identity to the same lowered budget: a query past it would be answered 429.
        logs: { ingestionDelaySeconds: 0, sampleIntervalSeconds: 60, limits: { queriesPer30Seconds: 2 } },
        defaults: { upgradeMinutes: 4, nodeCount: 3, kubernetesVersion: '1.32.7', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' },
        regions: { eastus: { kubernetesVersions: ['1.32.7', '1.33.2'], nodeImage: '202611.01.0' } },
        fleets: [{ name: 'fleet-budget', resourceGroup: 'rg-budget', location: 'eastus', members: [{ name: 'm-a', group: 'a', cluster: { name: 'aks-a', resourceGroup: 'rg-aks', location: 'eastus' } }] }],
      },
      port: 0,
      speed: 0,
      caFile: tempCaFile(),
    });
    composed = emulatorApp(emulator, {
      conductor: {
        fleets: [{ name: 'fleet-budget', subscriptionId: SUB, resourceGroup: 'rg-budget', logAnalyticsWorkspaceId: WS, strategy: 'one' }],
        strategies: [{ name: 'one', stages: [{ name: 's0', groups: [{ name: 'a', afterGate: 'health' }] }] }],
        gatePolicies: [
          {
            id: 'health',
            checks: [
              { name: 'nodes', type: 'nodes-ready' },
              { name: 'pods', type: 'pods-healthy' },
              { name: 'telemetry', type: 'metrics-flowing' },
            ],
            analysis: { initialDelaySeconds: 0, count: 1, ingestionDelayMinutes: 0, intervalSeconds: 60 },
          },
        ],
      },
      tablePrefix: uniquePrefix('q'),
      settings: { FLEET_API_VERSION: '2026-06-01', LOGS_QUERIES_PER_30_SECONDS: '2' },
    });
    app = composed.app;
    await app.services.reconcileAllFleets(log);
    const sdk = new ContainerServiceFleetClient(staticCredential, SUB, { endpoint: emulator.url, credentials: { scopes: ['https://management.azure.com/.default'] }, tlsOptions: { ca: emulator.caPem } });
    const run = { properties: { updateStrategyId: `${FLEET}/updateStrategies/one`, managedClusterUpdate: { upgrade: { type: 'Full' as const, kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' as const } } } };
    await sdk.updateRuns.createOrUpdate('rg-budget', 'fleet-budget', 'budget-run', run, { updateIntervalInMs: 5 });
    await sdk.updateRuns.start('rg-budget', 'fleet-budget', 'budget-run', { updateIntervalInMs: 5 });
  });
  afterAll(async () => {
    composed.dispose();
    await emulator.stop();
  });

  const logged = async (): Promise<LoggedRequest[]> => (await control<{ value: LoggedRequest[] }>(emulator, 'GET', '/_emulator/requests')).value;

  it('sends 2 queries, does not complete the gate, and completes it once the window has passed', async () => {
    await advanceClock(emulator, 300); // the member finishes: the group's after-gate opens
    const [gate] = await app.adapters.fleet.listGates(FLEET, { state: 'Pending' });
    if (!gate) throw new Error('the after-gate did not open');
    await control(emulator, 'DELETE', '/_emulator/requests');
    const event = { id: `${gate.gateId}-created`, eventType: 'Microsoft.ResourceNotifications.AKSResources.FleetGateCreated', subject: `${FLEET}/gates/${gate.gateId}`, eventTime: '2026-11-21T08:05:00Z', data: {}, dataVersion: '1' };

    const first = await app.services.handleFleetGateEvent(event, log);
    expect(first.kind === 'reconciled' && first.phase).not.toBe('Approving');
    const requests = await logged();
    expect(requests.filter((r) => r.service === 'logs').map((r) => r.status)).toEqual([200, 200]);
    expect(requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    const evidence = await app.adapters.evidence.listEvidence({ fleetId: FLEET, runName: 'budget-run', gateId: gate.gateId });
    const evaluations = evidence.flatMap((e) => e.evaluations);
    expect(evaluations.map((e) => e.outcome).sort()).toEqual(['Error', 'Successful', 'Successful']);
    const throttled = evaluations.find((e) => e.outcome === 'Error');
    expect(throttled?.reason).toBe('QueryFailed');
    expect(throttled?.message).toMatch(/Throttled|query budget/);

    await control(emulator, 'DELETE', '/_emulator/requests');
    await advanceClock(emulator, 60); // the window has passed, and the check's next measurement is due
    await app.services.reconcileAllFleets(log);
    const after = await logged();
    expect(after.filter((r) => r.service === 'logs').map((r) => r.status)).toEqual([200]);
    expect(after.filter((r) => r.method === 'PATCH' && r.path.includes('/gates/'))).toHaveLength(1);
  });
});
