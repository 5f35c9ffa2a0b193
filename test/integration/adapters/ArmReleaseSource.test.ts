import { ApiVersionUnsupportedError } from '../../../src/ports';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import { ArmReleaseSource } from '../../../src/adapters/arm/ArmReleaseSource';
import { ArmTransport } from '../../../src/adapters/arm/ArmTransport';
import { advanceClock, armRequests, control, staticCredential } from '../../support/emulatorControl';
import { tempCaFile } from '../../support/tempCaFile';

const SUB = '00000000-0000-0000-0000-000000000000';
const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-fleet-demo/providers/Microsoft.ContainerService/fleets/fleet-demo`;
const SCOPES = ['https://management.azure.com/.default'];
const cluster = (rg: string, name: string): string => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;

/** The demo scenario with a small page size, so the cluster list spans pages (6 clusters, 4 per page). */
const demoPaged = { ...(parse(readFileSync('scenarios/demo.yaml', 'utf8')) as object), pageSize: 4 };

function sourceFor(emulator: RunningEmulator, options: { nodeImageApiVersion?: string } = {}): ArmReleaseSource {
  const tls = { endpoint: emulator.url, credentials: { scopes: SCOPES }, tlsOptions: { ca: emulator.caPem } };
  const aks = (sub: string): ContainerServiceClient => new ContainerServiceClient(staticCredential, sub, { ...tls, retryOptions: { maxRetries: 0 } });
  const fleet = (sub: string): ContainerServiceFleetClient => new ContainerServiceFleetClient(staticCredential, sub, tls);
  const arm = new ArmTransport(aks(SUB).pipeline, emulator.url);
  return new ArmReleaseSource({ fleet, aks }, arm, options);
}

const patches = (minors: readonly { version: string; patchVersions: readonly string[] }[], minor: string): readonly string[] | undefined =>
  minors.find((m) => m.version === minor)?.patchVersions;

describe('ArmReleaseSource against the emulator (demo scenario)', () => {
  let emulator: RunningEmulator;
  let source: ArmReleaseSource;

  beforeAll(async () => {
    emulator = await startEmulator({ scenario: demoPaged, port: 0, speed: 0, caFile: tempCaFile() });
    source = sourceFor(emulator);
  });
  afterAll(() => emulator.stop());

  it('lists the fleet members with their clusters and groups', async () => {
    const members = await source.listMembers(FLEET);
    expect(members).toHaveLength(6);
    expect(members).toContainEqual({ name: 'dev-eastus-1', clusterResourceId: cluster('rg-aks-dev', 'aks-dev-eastus-1'), group: 'dev' });
    expect(members).toContainEqual({ name: 'prod-australiaeast-1', clusterResourceId: cluster('rg-aks-prod', 'aks-prod-australiaeast-1'), group: 'prod-apac' });
  });

  it('lists every cluster of the subscription with ONE paged list (pages only, no GET per cluster)', async () => {
    const before = await armRequests(emulator, '/managedClusters');
    const clusters = await source.listManagedClusters(SUB);
    const requests = (await armRequests(emulator, '/managedClusters')).slice(before.length);

    expect(clusters).toHaveLength(6);
    expect(clusters.find((c) => c.resourceId === cluster('rg-aks-prod', 'aks-prod-westeurope-1'))).toEqual({
      resourceId: cluster('rg-aks-prod', 'aks-prod-westeurope-1'),
      location: 'westeurope',
      kubernetesVersion: '1.32.7',
      nodeImageVersions: ['AKSUbuntu-2204gen2containerd-202611.01.0'],
      autoUpgradeChannel: 'none',
      nodeOsUpgradeChannel: 'None',
    });
    expect(new Set(clusters.map((c) => c.location))).toEqual(new Set(['eastus', 'westeurope', 'australiaeast']));
    // 6 clusters at 4 per page: the first page and its nextLink, both on the subscription-level list path.
    expect(requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', `/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`, 200],
      ['GET', `/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`, 200],
    ]);
  });

  it('lists Kubernetes versions per region as they are released (eastus after 600 s, australiaeast after 21600 s)', async () => {
    const eastus0 = await source.listKubernetesVersions(SUB, 'eastus');
    expect(eastus0.map((m) => m.version)).toEqual(['1.31', '1.32', '1.33', '1.34']);
    expect(eastus0.find((m) => m.version === '1.33')).toEqual({ version: '1.33', isPreview: false, supportPlan: ['KubernetesOfficial'], patchVersions: ['1.33.2'] });
    expect(eastus0.find((m) => m.version === '1.34')).toMatchObject({ isPreview: true, patchVersions: ['1.34.0'] });
    expect(patches(eastus0, '1.31')).toEqual(['1.31.9', '1.31.11']);
    expect((await source.listKubernetesVersions(SUB, 'australiaeast')).map((m) => m.version)).toEqual(['1.31', '1.32', '1.33']);

    await advanceClock(emulator, 600);
    expect(patches(await source.listKubernetesVersions(SUB, 'eastus'), '1.33')).toEqual(['1.33.2', '1.33.4']);
    expect(patches(await source.listKubernetesVersions(SUB, 'westeurope'), '1.33')).toEqual(['1.33.2']);
    expect(patches(await source.listKubernetesVersions(SUB, 'australiaeast'), '1.33')).toEqual(['1.33.2']);

    await advanceClock(emulator, 21_000);
    expect(patches(await source.listKubernetesVersions(SUB, 'australiaeast'), '1.33')).toEqual(['1.33.2', '1.33.4']);
    // Display names are sent as the canonical location name.
    expect(patches(await source.listKubernetesVersions(SUB, 'Australia East'), '1.33')).toEqual(['1.33.2', '1.33.4']);
    expect((await armRequests(emulator, '/locations/australiaeast/kubernetesVersions')).length).toBe(4);
  });

  it('lists node image versions per region (distinct versions over image families) as they are published', async () => {
    // The clock stands at 21600 s: eastus (1800 s) and westeurope (7200 s) have the new image, australiaeast (28800 s) not yet.
    expect(await source.listNodeImageVersions(SUB, 'eastus')).toEqual(['202611.14.0']);
    expect(await source.listNodeImageVersions(SUB, 'westeurope')).toEqual(['202611.14.0']);
    expect(await source.listNodeImageVersions(SUB, 'australiaeast')).toEqual(['202611.01.0']);
    await advanceClock(emulator, 7200);
    expect(await source.listNodeImageVersions(SUB, 'Australia East')).toEqual(['202611.14.0']);
    const calls = await control<{ value: { apiVersion?: string }[] }>(emulator, 'GET', '/_emulator/requests?service=arm&pathContains=/nodeImageVersions');
    expect(new Set(calls.value.map((c) => c.apiVersion))).toEqual(new Set(['2026-08-02-preview']));
  });

  it('never answers "no node images" for an api-version Azure does not know (stable, or a retired preview): it throws ApiVersionUnsupportedError', async () => {
    await expect(sourceFor(emulator, { nodeImageApiVersion: '2026-08-01' }).listNodeImageVersions(SUB, 'eastus')).rejects.toBeInstanceOf(ApiVersionUnsupportedError);
    await control(emulator, 'POST', '/_emulator/api-versions', { retired: ['2026-08-02-preview'] });
    const retired = await source.listNodeImageVersions(SUB, 'eastus').catch((error: unknown) => error);
    expect(retired).toBeInstanceOf(ApiVersionUnsupportedError);
    expect(retired).toMatchObject({ apiVersion: '2026-08-02-preview', message: expect.stringContaining('NoRegisteredProviderFound') });
    await control(emulator, 'POST', '/_emulator/api-versions', { retired: [] });
    expect(await source.listNodeImageVersions(SUB, 'eastus')).toEqual(['202611.14.0']);
  });

  it('throws other failures', async () => {
    await control(emulator, 'POST', '/_emulator/faults', { service: 'arm', pathPattern: 'nodeImageVersions', status: 403, code: 'AuthorizationFailed', times: 1 });
    await expect(source.listNodeImageVersions(SUB, 'eastus')).rejects.toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect(await source.listNodeImageVersions(SUB, 'eastus')).toEqual(['202611.14.0']);
  });

  it('fails loudly for a fleet or subscription it cannot read', async () => {
    await expect(source.listMembers(FLEET.replace('fleet-demo', 'no-such-fleet'))).rejects.toMatchObject({ statusCode: 404 });
    await expect(source.listManagedClusters('11111111-1111-1111-1111-111111111111')).rejects.toMatchObject({ statusCode: 404 });
  });
});
