import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import { ArmFleetApi } from '../../../src/adapters/arm/ArmFleetApi';
import { ArmTransport } from '../../../src/adapters/arm/ArmTransport';
import { advanceClock, armRequests, control, staticCredential } from '../../support/emulatorControl';
import { tempCaFile } from '../../support/tempCaFile';

const SUB = '00000000-0000-0000-0000-000000000000';
const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-fleet-demo/providers/Microsoft.ContainerService/fleets/fleet-demo`;
const PREVIEW = '2026-03-02-preview';

describe.each(['sync', 'async'] as const)('ArmFleetApi against the emulator (%s LROs)', (lro) => {
  let emulator: RunningEmulator;
  let fleet: ArmFleetApi;
  let sdk: ContainerServiceFleetClient;

  beforeAll(async () => {
    emulator = await startEmulator({ scenario: 'demo', port: 0, speed: 0, caFile: tempCaFile() });
    await control(emulator, 'POST', '/_emulator/lro', { style: lro });
    sdk = new ContainerServiceFleetClient(staticCredential, SUB, {
      endpoint: emulator.url,
      credentials: { scopes: ['https://management.azure.com/.default'] },
      tlsOptions: { ca: emulator.caPem },
    });
    fleet = new ArmFleetApi(() => sdk, new ArmTransport(sdk.pipeline, emulator.url, { pollIntervalInMs: 5, lroTimeoutInMs: 10_000 }), {
      previewApiVersion: PREVIEW,
      pollIntervalInMs: 5,
    });
  });
  afterAll(() => emulator.stop());

  it('creates a strategy whose gates survive (preview api-version through the SDK pipeline)', async () => {
    const pollsBefore = (await armRequests(emulator, '/operation')).length;
    const answered = await fleet.upsertUpdateStrategy(FLEET, 'conductor', [
      { name: 'dev', groups: [{ name: 'dev' }], afterGates: [{ displayName: 'conductor:dev-health' }] },
      { name: 'canary', groups: [{ name: 'canary' }] },
      { name: 'prod', groups: [{ name: 'prod-us' }, { name: 'prod-eu' }, { name: 'prod-apac' }] },
    ]);
    // Not waited for: an asynchronous answer (201 + Azure-AsyncOperation) is `accepted`, and no operation URL is read.
    expect(answered).toBe(lro === 'async' ? 'accepted' : 'done');
    expect((await armRequests(emulator, '/operation')).length).toBe(pollsBefore);
    const state = await fleet.getUpdateStrategyState(FLEET, 'conductor');
    expect(state).toMatchObject({ provisioningState: 'Succeeded', etag: expect.any(String) });
    expect(state?.stages.map((st) => st.name)).toEqual(['dev', 'canary', 'prod']);
    const transport = new ArmTransport(sdk.pipeline, emulator.url, { pollIntervalInMs: 5, lroTimeoutInMs: 1000 });
    const stored = (await transport.get(`${FLEET}/updateStrategies/conductor`, PREVIEW)) as { properties: { strategy: { stages: { afterGates: unknown[] }[] } } };
    expect(stored.properties.strategy.stages[0]?.afterGates).toEqual([{ displayName: 'conductor:dev-health', type: 'Approval' }]);
  });

  it('writes maxConcurrency on stages and groups and reads it back (2026-06-01); an api-version without it refuses rather than drops it', async () => {
    const stable = new ArmFleetApi(() => sdk, new ArmTransport(sdk.pipeline, emulator.url, { pollIntervalInMs: 5, lroTimeoutInMs: 10_000 }), { previewApiVersion: '2026-06-01', pollIntervalInMs: 5 });
    const stages = [{ name: 'prod', maxConcurrency: '25%', afterStageWaitInSeconds: 0, beforeGates: [], afterGates: [], groups: [{ name: 'prod-us', maxConcurrency: '2', beforeGates: [], afterGates: [] }, { name: 'prod-eu', beforeGates: [], afterGates: [] }] }];
    await stable.upsertUpdateStrategy(FLEET, 'limited', stages);
    expect(await stable.getUpdateStrategy(FLEET, 'limited')).toEqual(stages);
    const old = new ArmFleetApi(() => sdk, new ArmTransport(sdk.pipeline, emulator.url, { pollIntervalInMs: 5, lroTimeoutInMs: 10_000 }), { previewApiVersion: '2025-08-01-preview', pollIntervalInMs: 5 });
    await expect(old.upsertUpdateStrategy(FLEET, 'limited', stages)).rejects.toThrow(/maxConcurrency.*2025-08-01-preview/);
  });

  it('sees the gate the run reaches, the run status tree, and completes the gate idempotently', async () => {
    await sdk.updateRuns.createOrUpdate('rg-fleet-demo', 'fleet-demo', 'k8s-1-33-2', {
      properties: {
        updateStrategyId: `${FLEET}/updateStrategies/conductor`,
        managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' } },
      },
    }, { updateIntervalInMs: 5 });
    await sdk.updateRuns.start('rg-fleet-demo', 'fleet-demo', 'k8s-1-33-2', { updateIntervalInMs: 5 });
    await advanceClock(emulator, 3600);

    const pending = await fleet.listGates(FLEET, { state: 'Pending' });
    expect(pending).toHaveLength(1);
    const gate = pending[0]!;
    expect(gate).toEqual({
      fleetId: FLEET,
      gateId: gate.gateId,
      displayName: 'conductor:dev-health',
      gateType: 'Approval',
      state: 'Pending',
      runName: 'k8s-1-33-2',
      stage: 'dev',
      timing: 'After',
    });
    expect(gate.gateId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const run = await fleet.getUpdateRun(FLEET, 'k8s-1-33-2');
    expect(run?.state).toBe('Pending');
    const devMembers = run?.status.stages?.[0]?.groups?.[0]?.members ?? [];
    expect(devMembers.map((m) => [m.name, m.status?.state])).toEqual([
      ['dev-eastus-1', 'Completed'],
      ['dev-westeurope-1', 'Completed'],
    ]);
    expect(devMembers[0]?.clusterResourceId).toBe(`/subscriptions/${SUB}/resourceGroups/rg-aks-dev/providers/Microsoft.ContainerService/managedClusters/aks-dev-eastus-1`);

    const before = (await armRequests(emulator, gate.gateId)).filter((r) => r.method === 'PATCH').length;
    await fleet.completeGate(FLEET, gate.gateId);
    await fleet.completeGate(FLEET, gate.gateId);
    expect((await fleet.getGate(FLEET, gate.gateId))?.state).toBe('Completed');
    expect((await armRequests(emulator, gate.gateId)).filter((r) => r.method === 'PATCH').length - before).toBe(2);
    expect(await fleet.listGates(FLEET, { state: 'Pending' })).toEqual([]);
  });

  it('stops a running run, and stopping again succeeds', async () => {
    await advanceClock(emulator, 60);
    expect((await fleet.getUpdateRun(FLEET, 'k8s-1-33-2'))?.state).toBe('Running');
    await fleet.stopUpdateRun(FLEET, 'k8s-1-33-2');
    await fleet.stopUpdateRun(FLEET, 'k8s-1-33-2');
    expect(['Stopping', 'Stopped']).toContain((await fleet.getUpdateRun(FLEET, 'k8s-1-33-2'))?.state);
    expect((await fleet.listRunSnapshots(FLEET, 'fleet-demo', '')).map((r) => r.runName)).toContain('k8s-1-33-2');
  });

  it(`${lro === 'async' ? 'polled' : 'never polled'} long-running operations`, async () => {
    const polls = await armRequests(emulator, '/operationStatuses/');
    if (lro === 'async') expect(polls.length).toBeGreaterThan(0);
    else expect(polls).toEqual([]);
  });

  it('answers undefined for a gate or run that does not exist', async () => {
    expect(await fleet.getGate(FLEET, '00000000-0000-0000-0000-000000000000')).toBeUndefined();
    expect(await fleet.getUpdateRun(FLEET, 'no-such-run')).toBeUndefined();
  });
});
