import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import { ArmRunCreator } from '../../../src/adapters/arm/ArmRunCreator';
import { ArmTransport } from '../../../src/adapters/arm/ArmTransport';
import { toRunTarget } from '../../../src/adapters/arm/toRunTarget';
import { advanceClock, armRequests, control, staticCredential } from '../../support/emulatorControl';
import { tempCaFile } from '../../support/tempCaFile';

const SUB = '00000000-0000-0000-0000-000000000000';
const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-fleet-demo/providers/Microsoft.ContainerService/fleets/fleet-demo`;
const PREVIEW = '2026-03-02-preview';

interface RunJson {
  eTag?: string;
  properties: { updateStrategyId?: string; managedClusterUpdate: unknown; autoUpgradeProfileId?: string; status: { status: { state: string } } };
}

describe.each(['sync', 'async'] as const)('ArmRunCreator against the emulator (%s LROs)', (lro) => {
  let emulator: RunningEmulator;
  let runs: ArmRunCreator;
  let sdk: ContainerServiceFleetClient;
  let transport: ArmTransport;
  /** Requests of one method the emulator logged on paths containing `path`. */
  let writes: (path: string, method: string) => Promise<{ method: string; status: number }[]>;
  const getRun = async (name: string): Promise<RunJson | undefined> => (await transport.get(`${FLEET}/updateRuns/${name}`, PREVIEW)) as RunJson | undefined;

  beforeAll(async () => {
    emulator = await startEmulator({ scenario: 'demo', port: 0, speed: 0, caFile: tempCaFile() });
    await control(emulator, 'POST', '/_emulator/lro', { style: lro });
    sdk = new ContainerServiceFleetClient(staticCredential, SUB, {
      endpoint: emulator.url,
      credentials: { scopes: ['https://management.azure.com/.default'] },
      tlsOptions: { ca: emulator.caPem },
    });
    transport = new ArmTransport(sdk.pipeline, emulator.url, { pollIntervalInMs: 5, lroTimeoutInMs: 10_000 });
    runs = new ArmRunCreator(() => sdk, transport, { previewApiVersion: PREVIEW, pollIntervalInMs: 5 });
    writes = async (path, method) =>
      (await armRequests(emulator, path)).filter((r) => r.method === method).map((r) => ({ method: r.method, status: r.status }));
  });
  afterAll(() => emulator.stop());

  it('creates a node image run (Consistent) whose image is known once started; NotStarted runs count as active', async () => {
    expect(await runs.createUpdateRun(FLEET, 'nodeimage-202611-01-0', { strategyName: 'demo-staged', target: { kind: 'nodeimage', version: '202611.01.0' }, nodeImageSelection: 'Consistent' })).toBe('created');
    expect((await getRun('nodeimage-202611-01-0'))?.properties.managedClusterUpdate).toEqual({ upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Consistent' } });
    expect(await runs.listActiveRuns(FLEET)).toEqual([{ name: 'nodeimage-202611-01-0', state: 'NotStarted', target: { kind: 'nodeimage', version: 'latest' } }]);

    expect(await runs.startUpdateRun(FLEET, 'nodeimage-202611-01-0')).toBe('started');
    expect(await runs.listActiveRuns(FLEET)).toEqual([{ name: 'nodeimage-202611-01-0', state: 'Running', target: { kind: 'nodeimage', version: '202611.01.0' } }]);
    await sdk.updateRuns.delete('rg-fleet-demo', 'fleet-demo', 'nodeimage-202611-01-0', { updateIntervalInMs: 5 });
    expect(await runs.listActiveRuns(FLEET)).toEqual([]);
  });

  it('creates a Kubernetes run with exactly one PUT (If-None-Match: *); a second create is `exists`, one 412 PUT, nothing changed', async () => {
    const spec = { strategyName: 'demo-staged', target: { kind: 'kubernetes', version: '1.33.2' }, nodeImageSelection: 'Latest' } as const;
    expect(await runs.createUpdateRun(FLEET, 'k8s-1-33-2', spec)).toBe('created');
    expect(await writes('/updateRuns/k8s-1-33-2', 'PUT')).toEqual([{ method: 'PUT', status: 201 }]);
    const created = await getRun('k8s-1-33-2');
    expect(created?.properties).toMatchObject({
      updateStrategyId: `${FLEET}/updateStrategies/demo-staged`,
      managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' } },
      status: { status: { state: 'NotStarted' } },
    });

    expect(await runs.createUpdateRun(FLEET, 'k8s-1-33-2', { ...spec, target: { kind: 'kubernetes', version: '1.33.4' } })).toBe('exists');
    expect(await writes('/updateRuns/k8s-1-33-2', 'PUT')).toEqual([{ method: 'PUT', status: 201 }, { method: 'PUT', status: 412 }]);
    const after = await getRun('k8s-1-33-2');
    expect(after?.eTag).toBe(created?.eTag);
    expect(after?.properties.managedClusterUpdate).toEqual(created?.properties.managedClusterUpdate);
  });

  it('starts with exactly one POST; starting again is `alreadyStarted` (Fleet refuses with 409, the run is Running)', async () => {
    expect(await runs.startUpdateRun(FLEET, 'k8s-1-33-2')).toBe('started');
    expect(await writes('/updateRuns/k8s-1-33-2/start', 'POST')).toEqual([{ method: 'POST', status: lro === 'async' ? 202 : 200 }]);
    expect(await runs.startUpdateRun(FLEET, 'k8s-1-33-2')).toBe('alreadyStarted');
    expect((await writes('/updateRuns/k8s-1-33-2/start', 'POST')).map((r) => r.status)).toEqual([lro === 'async' ? 202 : 200, 409]);
    expect(await runs.listActiveRuns(FLEET)).toEqual([{ name: 'k8s-1-33-2', state: 'Running', target: { kind: 'kubernetes', version: '1.33.2' } }]);
  });

  it('throws when the start fails for another reason (no such run)', async () => {
    await expect(runs.startUpdateRun(FLEET, 'no-such-run')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('leaves stopped runs out of the active ones (Stopping still counts), and restarts a stopped run', async () => {
    await sdk.updateRuns.stop('rg-fleet-demo', 'fleet-demo', 'k8s-1-33-2', { updateIntervalInMs: 5 });
    expect((await runs.listActiveRuns(FLEET)).map((r) => [r.name, r.state])).toEqual([['k8s-1-33-2', 'Stopping']]);
    await advanceClock(emulator, 1800);
    expect((await getRun('k8s-1-33-2'))?.properties.status.status.state).toBe('Stopped');
    expect(await runs.listActiveRuns(FLEET)).toEqual([]);
    expect(await runs.startUpdateRun(FLEET, 'k8s-1-33-2')).toBe('started');
    await sdk.updateRuns.delete('rg-fleet-demo', 'fleet-demo', 'k8s-1-33-2', { updateIntervalInMs: 5 });
  });

  it('reads 204 from generateUpdateRun (2026-06-02-preview) as "no run generated", not an error', async () => {
    const newer = new ArmRunCreator(() => sdk, transport, { previewApiVersion: '2026-06-02-preview', pollIntervalInMs: 5 });
    // stable-auto targets 1.32.7, which every member of the demo fleet already runs.
    expect(await newer.generateUpdateRun(FLEET, 'stable-auto')).toEqual({ kind: 'none' });
    expect(await getRun('stable-auto-1-32-7')).toBeUndefined();
  });

  it(`generates a run from an auto-upgrade profile (${lro === 'async' ? 'accepted, not polled; found on the run list' : 'its name at once'}); generating again returns the same run`, async () => {
    const pollsBefore = (await armRequests(emulator, '/operation')).length;
    const name = 'stable-auto-1-32-7';
    const target = { kind: 'kubernetes', version: '1.32.7' } as const;
    expect(await runs.generateUpdateRun(FLEET, 'stable-auto')).toEqual(lro === 'async' ? { kind: 'accepted' } : { kind: 'generated', runName: name });
    expect(await runs.generateUpdateRun(FLEET, 'stable-auto')).toEqual(lro === 'async' ? { kind: 'accepted' } : { kind: 'generated', runName: name });
    expect((await armRequests(emulator, '/operation')).length).toBe(pollsBefore); // a 202 is not followed
    expect(await runs.findGeneratedRun(FLEET, 'stable-auto', target)).toBe(name);
    expect(await runs.findGeneratedRun(FLEET, 'other-profile', target)).toBeUndefined();
    expect(await runs.findGeneratedRun(FLEET, 'stable-auto', { kind: 'kubernetes', version: '1.33.2' })).toBeUndefined();
    expect((await getRun(name))?.properties.autoUpgradeProfileId).toBe(`${FLEET}/autoUpgradeProfiles/stable-auto`);
    expect(await runs.listActiveRuns(FLEET)).toEqual([{ name, state: 'NotStarted', target: { kind: 'kubernetes', version: '1.32.7' } }]);
    await expect(runs.generateUpdateRun(FLEET, 'no-such-profile')).rejects.toMatchObject({ statusCode: 404 });
  });

});

describe('toRunTarget (runs Conductor did not create)', () => {
  const run = (managedClusterUpdate: unknown, selected?: string[]): unknown => ({
    properties: { managedClusterUpdate, status: selected ? { nodeImageSelection: { selectedNodeImageVersions: selected.map((version) => ({ version })) } } : {} },
  });

  it('reads Kubernetes targets from Full and ControlPlaneOnly runs', () => {
    expect(toRunTarget(run({ upgrade: { type: 'ControlPlaneOnly', kubernetesVersion: '1.33.4' } }))).toEqual({ kind: 'kubernetes', version: '1.33.4' });
  });

  it('reads node image targets from the selected (newest comparable), custom, or else latest images', () => {
    const windows = 'AKSWindows-2022-containerd-20348.3207.250214';
    expect(toRunTarget(run({ upgrade: { type: 'NodeImageOnly' } }, ['AKSAzureLinux-V2gen2-202611.14.0', 'AKSUbuntu-2204gen2containerd-202611.02.1', windows]))).toEqual({ kind: 'nodeimage', version: '202611.14.0' });
    expect(toRunTarget(run({ upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Custom', customNodeImageVersions: [{ version: 'AKSUbuntu-2204gen2containerd-202610.30.0' }] } }))).toEqual({ kind: 'nodeimage', version: '202610.30.0' });
    expect(toRunTarget(run({ upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Latest' } }, [windows]))).toEqual({ kind: 'nodeimage', version: 'latest' });
  });

  it('is undefined when the run cannot be read', () => {
    expect(toRunTarget(run({ upgrade: { type: 'Full' } }))).toBeUndefined();
    expect(toRunTarget(run({ upgrade: { type: 'SomethingNew', kubernetesVersion: '1.34.0' } }))).toBeUndefined();
    expect(toRunTarget({})).toBeUndefined();
  });
});
