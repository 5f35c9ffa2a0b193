import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FunctionHost } from '../../../devhost/FunctionHost';
import type { RegisteredFunction } from '../../../devhost/functionsCoreShim';
import { createAksEventHandler } from '../../../src/functions/onAksEvent';
import { advanceClock } from '../../support/emulatorControl';
import { FLEET, SUB, startReleaseWorld, type ReleaseTestWorld } from './releaseWorld';

const FIXTURES = path.resolve(__dirname, '../../fixtures/azure/eventgrid/EventGridSchema');
const clusterIds = ['aks-dev-1', 'aks-canary-1', 'aks-prod-1'].map((c) => `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/${c}`);

/** 1,000 deliveries: 800 distinct events (one per cluster change) plus 200 redeliveries of some of them, shuffled. */
function storm(): object[] {
  const distinct = Array.from({ length: 800 }, (_, i) => ({
    id: `evt-${i}`,
    topic: clusterIds[i % 3],
    subject: (clusterIds[i % 3] ?? '').split('/').pop(),
    eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable',
    eventTime: '2026-11-21T10:00:00Z',
    data: { latestSupportedKubernetesVersion: '1.33.4', latestStableKubernetesVersion: '1.32.7', lowestMinorKubernetesVersion: '1.32.5', latestPreviewKubernetesVersion: '' },
    dataVersion: '1',
    metadataVersion: '1',
  }));
  const all: object[] = [...distinct, ...distinct.slice(0, 200)];
  let seed = 7;
  for (let i = all.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    const swap = all[i] as object;
    all[i] = all[j] as object;
    all[j] = swap;
  }
  return all;
}

describe('AKS events through the local host', () => {
  let world: ReleaseTestWorld;
  let host: FunctionHost;
  let url: string;
  const lines: string[] = [];

  beforeAll(async () => {
    world = await startReleaseWorld();
    const fn: RegisteredFunction = {
      name: 'onAksEvent',
      bindings: { trigger: { type: 'eventGridTrigger', direction: 'in' } },
      handler: createAksEventHandler(() => world.services) as RegisteredFunction['handler'],
    };
    host = new FunctionHost({ functions: [fn], settings: {}, timers: false, log: (l) => lines.push(l) });
    url = await host.listen(0);
  });
  afterAll(async () => {
    await host.close();
    await world.stop();
  });

  const deliver = (body: unknown): Promise<Response> =>
    fetch(`${url}/runtime/webhooks/eventgrid?functionName=onAksEvent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification' },
      body: JSON.stringify(body),
    });

  it('1,000 deliveries with 20% duplicates at concurrency 16 make exactly one run and exactly two ARM writes', async () => {
    await advanceClock(world.emulator, 7300); // 1.33.4 in every region
    // Every evaluation records its decision once (issue 14: one evaluation per fleet per coalescing window).
    const evaluations = vi.spyOn(world.store, 'putEvaluation');
    const events = storm();
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < events.length) {
          const event = events[next++];
          statuses.push((await deliver([event])).status);
        }
      }),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(statuses).toHaveLength(1000);
    expect((await world.fleet.listRunSnapshots(FLEET, 'fleet-rel', '')).map((r) => r.runName)).toEqual(['k8s-1-33-4']);
    expect((await world.runWrites()).map((r) => `${r.method} ${r.path.replace(/^.*\/updateRuns/, 'updateRuns')}`)).toEqual([
      'PUT updateRuns/k8s-1-33-4',
      'POST updateRuns/k8s-1-33-4/start',
    ]);
    expect(evaluations).toHaveBeenCalledTimes(1);
    evaluations.mockRestore();
    const [record] = await world.store.listRunRecords(FLEET);
    expect(record?.trigger.kind).toBe('event');
    expect(record?.trigger.eventIds.length).toBeGreaterThan(0);
    // 1,000 HTTP deliveries through the local host take 15-40 s on a busy 2-core machine: this test asserts counts,
    // and the time limit is only a guard against a hang (speed is bench/releaseStorm's job).
  }, 120_000);

  it.each(fs.readdirSync(FIXTURES).filter((f) => f.startsWith('Microsoft.ContainerService.')))('handles the published sample %s (200, no run)', async (file) => {
    const before = (await world.runWrites()).length;
    const body = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as unknown;
    const res = await deliver(Array.isArray(body) ? body : [body]);
    expect(res.status).toBe(200);
    expect((await world.runWrites()).length).toBe(before);
  });

  it('records a support-ending event for a member in the fleet trail', async () => {
    const res = await deliver([
      {
        id: 'support-1',
        topic: clusterIds[2],
        subject: 'aks-prod-1',
        eventType: 'Microsoft.ContainerService.ClusterSupportEnding',
        eventTime: '2026-11-21T10:00:00Z',
        data: { kubernetesVersion: '1.32.7' },
        dataVersion: '1',
        metadataVersion: '1',
      },
    ]);
    expect(res.status).toBe(200);
    const trail = await world.audit.listAuditEvents(FLEET, '_fleet');
    expect(trail.map((e) => [e.kind, e.message])).toEqual([['ClusterSupportEnding', 'Cluster aks-prod-1 runs Kubernetes 1.32.7, which is nearing the end of AKS support']]);
  });
});
