import { describe, expect, it } from 'vitest';
import type { ConductorConfig, FleetConfig } from '../../../../src/domain/config/conductorConfig';
import type { MinorAvailability } from '../../../../src/domain/versions/fleetFacts';
import { createReleaseDeps } from '../../../../src/app/releases/createReleaseDeps';
import { handleAksEvent } from '../../../../src/app/releases/handleAksEvent';
import { pollReleases } from '../../../../src/app/releases/pollReleases';
import { ApiVersionUnsupportedError, type FleetMemberRef, type GenerateOutcome, type ManagedClusterFacts, type ReleaseSource, type RunCreator } from '../../../../src/ports';
import { FakeFleetApi } from '../../../support/fakes/FakeFleetApi';
import { InMemoryAuditLog } from '../../../support/fakes/InMemoryAuditLog';
import { InMemoryOutbox } from '../../../support/fakes/InMemoryOutbox';
import { InMemoryReleaseStore } from '../../../support/fakes/InMemoryReleaseStore';

const SUB = '00000000-0000-0000-0000-0000000000a1';
const NOW = '2026-12-06T10:00:00.000Z';
const fleetId = (name: string): string => `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/${name}`;
const clusterId = (name: string): string => `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/${name}`;

function fleet(name: string, channel: 'rapid' | 'nodeimage'): FleetConfig {
  return {
    name,
    subscriptionId: SUB,
    resourceGroup: 'rg',
    fleetId: fleetId(name),
    logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c',
    strategy: { name: 'conductor', stages: [{ name: 'all', afterStageWaitInSeconds: 0, groups: [{ name: 'all' }] }] },
    release: { mode: 'explicit', nodeImageSelection: 'Latest', policy: { channel } },
  };
}

const REFUSED = new ApiVersionUnsupportedError('2026-08-02-preview', `/subscriptions/${SUB}/providers/Microsoft.ContainerService/locations/eastus/nodeImageVersions`, 'NoRegisteredProviderFound');

/** Two regions; every cluster on 1.32.7 and node image 202611.01.0; 1.33.4 and 202612.01.0 published everywhere. */
class FakeSource implements ReleaseSource {
  readonly calls: string[] = [];
  constructor(private readonly fail: { readonly kubernetes?: Error; readonly nodeImages?: Error }) {}
  listMembers(id: string): Promise<readonly FleetMemberRef[]> {
    const name = id.split('/').pop() ?? '';
    return Promise.resolve(['eastus', 'westeurope'].map((region) => ({ name: `${name}-${region}`, clusterResourceId: clusterId(`${name}-${region}`), group: 'all' })));
  }
  listManagedClusters(): Promise<readonly ManagedClusterFacts[]> {
    return Promise.resolve(
      ['k8s', 'images'].flatMap((f) => ['eastus', 'westeurope'].map((location) => ({ resourceId: clusterId(`${f}-${location}`), location, kubernetesVersion: '1.32.7', nodeImageVersions: ['AKSUbuntu-2204gen2containerd-202611.01.0'] }))),
    );
  }
  listKubernetesVersions(_s: string, region: string): Promise<readonly MinorAvailability[]> {
    this.calls.push(`k8s ${region}`);
    if (this.fail.kubernetes) return Promise.reject(this.fail.kubernetes);
    return Promise.resolve(['1.32', '1.33'].map((minor) => ({ version: minor, isPreview: false, supportPlan: ['KubernetesOfficial' as const], patchVersions: minor === '1.32' ? ['1.32.7'] : ['1.33.4'] })));
  }
  listNodeImageVersions(_s: string, region: string): Promise<readonly string[]> {
    this.calls.push(`images ${region}`);
    if (this.fail.nodeImages) return Promise.reject(this.fail.nodeImages);
    return Promise.resolve(['202612.01.0']);
  }
}

class FakeRuns implements RunCreator {
  readonly created: string[] = [];
  readonly started: string[] = [];
  createUpdateRun(id: string, runName: string): Promise<'created' | 'exists'> {
    this.created.push(`${id.split('/').pop() ?? ''}/${runName}`);
    return Promise.resolve('created');
  }
  startUpdateRun(id: string, runName: string): Promise<'started' | 'alreadyStarted'> {
    this.started.push(`${id.split('/').pop() ?? ''}/${runName}`);
    return Promise.resolve('started');
  }
  generateUpdateRun(): Promise<GenerateOutcome> {
    return Promise.reject(new Error('not used'));
  }
  findGeneratedRun(): Promise<string | undefined> {
    return Promise.reject(new Error('not used'));
  }
  listActiveRuns(): Promise<readonly { name: string; state: string; target: undefined }[]> {
    return Promise.resolve([]);
  }
}

function world(fail: { readonly kubernetes?: Error; readonly nodeImages?: Error }) {
  const config: ConductorConfig = { fleets: [fleet('k8s', 'rapid'), fleet('images', 'nodeimage')], gatePolicies: [] };
  const source = new FakeSource(fail);
  const runs = new FakeRuns();
  const outbox = new InMemoryOutbox();
  const releases = new InMemoryReleaseStore();
  const warnings: string[] = [];
  const deps = {
    ...createReleaseDeps({ source, runs, fleet: new FakeFleetApi(), releases, audit: new InMemoryAuditLog(), outbox, clock: { nowIso: () => NOW }, config }),
    log: { info: () => undefined, warn: (m: string) => void warnings.push(m) },
  };
  const alerts = (): string[] => outbox.all().filter((m) => m.payload.reason === 'ApiVersionUnsupported').map((m) => m.id);
  return { deps, source, runs, releases, warnings, alerts };
}

const byFleet = (summary: Awaited<ReturnType<typeof pollReleases>>) => Object.fromEntries(summary.fleets.map((f) => [f.fleet, f]));

describe('Kubernetes-version and node-image catalogues are read independently', () => {
  it('a refused node-image api-version: the Kubernetes release still gets its run; the node-image fleet fails with the error; one alert', async () => {
    const w = world({ nodeImages: REFUSED });
    const summary = byFleet(await pollReleases(w.deps));
    expect(summary.k8s?.outcome).toMatchObject({ kind: 'runStarted', runName: 'k8s-1-33-4' });
    expect(w.runs.started).toEqual(['k8s/k8s-1-33-4']);
    // Never "no node image available": the node-image fleet's evaluation is an error naming the refused version.
    expect(summary.images?.outcome).toBeUndefined();
    expect(summary.images?.error).toContain('NoRegisteredProviderFound');
    expect(await w.releases.getEvaluation(fleetId('images'))).toBeUndefined();
    expect(w.alerts()).toEqual(['api-version/2026-08-02-preview/2026-12-06']);
    // The Kubernetes fleet said what it went without, once (both regions on one line).
    expect(w.warnings.filter((m) => m.startsWith('Fleet k8s: nodeImageVersions could not be read in eastus, westeurope'))).toHaveLength(1);
    // What was read is still first-seen: Kubernetes patches in both regions, no node image.
    expect((await w.releases.listFirstSeen(['eastus', 'westeurope'])).map((f) => `${f.region} ${f.version}`).sort()).toEqual(['eastus 1.32.7', 'eastus 1.33.4', 'westeurope 1.32.7', 'westeurope 1.33.4']);
    // A refusal holds until the setting changes: both fleets shared one refused read per region.
    expect(w.source.calls.filter((c) => c.startsWith('images')).sort()).toEqual(['images eastus', 'images westeurope']);
  });

  it('and the reverse: a failing Kubernetes-version catalogue fails the Kubernetes fleet only; the node-image release gets its run', async () => {
    const w = world({ kubernetes: new Error('listKubernetesVersions → 500 InternalServerError') });
    const summary = byFleet(await pollReleases(w.deps));
    expect(summary.images?.outcome).toMatchObject({ kind: 'runStarted', runName: expect.stringContaining('202612') as string });
    expect(summary.k8s?.error).toContain('500');
    expect(w.runs.started).toHaveLength(1);
    expect(w.runs.started[0]).toMatch(/^images\//);
    expect(w.warnings.filter((m) => m.startsWith('Fleet images: kubernetesVersions could not be read'))).toHaveLength(1);
    expect(w.alerts()).toEqual([]); // not an api-version refusal: the error, without the api-version alert
  });

  it('both catalogues readable: both fleets get their runs, nothing is reported', async () => {
    const w = world({});
    const summary = byFleet(await pollReleases(w.deps));
    expect([summary.k8s?.outcome?.kind, summary.images?.outcome?.kind]).toEqual(['runStarted', 'runStarted']);
    expect(w.warnings).toEqual([]);
    expect(w.alerts()).toEqual([]);
  });

  it('an AKS event for a node-image fleet\'s cluster: the evaluation fails (the event is redelivered) and the refusal is alerted', async () => {
    const w = world({ nodeImages: REFUSED });
    const event = {
      id: 'evt-1',
      topic: clusterId('images-eastus'),
      subject: 'images-eastus',
      eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable',
      eventTime: NOW,
      data: { latestSupportedKubernetesVersion: '1.33.4', latestStableKubernetesVersion: '1.33.4', lowestMinorKubernetesVersion: '1.32.7', latestPreviewKubernetesVersion: '' },
      dataVersion: '1',
      metadataVersion: '1',
    };
    await expect(handleAksEvent(w.deps, event)).rejects.toBeInstanceOf(ApiVersionUnsupportedError);
    expect(w.alerts()).toEqual(['api-version/2026-08-02-preview/2026-12-06']);
    expect(w.runs.started).toEqual([]);
  });
});
