import { describe, expect, it } from 'vitest';
import { EmulatorCore } from '../../../emulator/emulatorCore';
import { runQuery } from '../../../emulator/logs/kql/runQuery';
import { createWorkspaceTables, type WorkspaceTablesOptions } from '../../../emulator/logs/tables/createWorkspaceTables';
import { GeneratedRowCache } from '../../../emulator/logs/tables/GeneratedRowCache';
import type { ClusterHealth, ClusterSegment, TelemetryCluster, TelemetrySource } from '../../../emulator/telemetrySource';
import { cluster, segment, T0 } from './fakeTelemetry';
import { Prng } from '../../support/resilience/prng';

const H = 3_600_000;
const MIN = 60_000;
const OPTIONS: WorkspaceTablesOptions = {
  ingestionDelay: { minMs: 30_000, maxMs: 150_000, seed: 'cache-test' },
  sampleIntervalMs: MIN,
  defaultWindowMs: 24 * H,
  retentionMs: 30 * 24 * H,
};

/** A seeded PRNG (mulberry32, test/support/resilience/prng.ts): the same seed replays the same sequence. */
function prng(seed: number): () => number {
  const source = new Prng(seed);
  return () => source.next();
}

interface World extends TelemetrySource {
  now: number;
  readonly clusters: TelemetryCluster[];
  readonly segmentsOf: Map<string, ClusterSegment[]>;
  segmentCalls: number;
}

/** A seeded workspace of 6 clusters whose health changes and upgrades at random times in the last 3 hours. */
function seededWorld(seed: number): World {
  const rnd = prng(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const clusters = Array.from({ length: 6 }, (_, i) => cluster(`aks-${seed}-${i}`, 1 + Math.floor(rnd() * 4), { pvcCount: Math.floor(rnd() * 3) }));
  const segmentsOf = new Map<string, ClusterSegment[]>();
  for (const c of clusters) {
    const segs: ClusterSegment[] = [segment(T0 - 48 * H)];
    let t = T0 - 3 * H;
    for (let k = 0; k < 3; k++) {
      t += Math.floor(rnd() * 50) * MIN + MIN;
      const health: Partial<ClusterHealth> = pick([{}, { notReadyNodes: 1 }, { crashLoopingPods: 1, restarts: 12 }, { imagePullBackOffPods: 1 }, { unschedulablePods: 1 }, { metricsFlowing: false }, { pendingPvcs: 1, releasedPvs: 1 }]);
      const upgrading = rnd() < 0.4;
      segs.push(segment(t, health, upgrading ? { upgrading: true, kubernetesVersion: '1.34.1', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.14.0' } : { kubernetesVersion: k === 0 ? '1.33.2' : '1.34.1' }));
    }
    segmentsOf.set(c.resourceId, segs);
  }
  const world: World = {
    now: T0,
    clusters,
    segmentsOf,
    segmentCalls: 0,
    nowMs: () => world.now,
    clustersForWorkspace: (id) => (id === 'ws1' ? clusters : []),
    segments: (resourceId) => {
      world.segmentCalls++;
      return segmentsOf.get(resourceId) ?? [];
    },
  };
  return world;
}

/** The queries a gate's checks send (batched cluster filters, a window, a join on the newest snapshot) and broader ones. */
function queries(world: World): string[] {
  const ids = world.clusters.map((c) => `"${c.resourceId.toLowerCase()}"`);
  const window = `let windowStart = ago(20m); let windowEnd = now(); let clusters = dynamic([${ids.slice(0, 2).join(', ')}]);`;
  return [
    `${window} let nodes = KubeNodeInventory | where TimeGenerated between (windowStart .. windowEnd) | where ClusterId in~ (clusters); nodes | join kind=inner (nodes | summarize Snapshot = max(TimeGenerated) by ClusterId) on ClusterId | where TimeGenerated == Snapshot | summarize Nodes = count(), NotReady = countif(Status !has "Ready") by ClusterId | order by ClusterId asc`,
    `${window} KubePodInventory | where TimeGenerated between (windowStart .. windowEnd) | where ClusterId in~ (clusters) | summarize Rows = count(), Failing = countif(ContainerStatusReason in ("CrashLoopBackOff", "ImagePullBackOff")), Restarts = max(ContainerRestartCount) by ClusterId, Name | order by ClusterId asc, Name asc`,
    `${window} KubeNodeInventory | where TimeGenerated between (windowStart .. windowEnd) | where ClusterId in~ (clusters) | summarize Value = count(), LastSeen = max(TimeGenerated) by ClusterId | order by ClusterId asc`,
    `KubePodInventory | where TimeGenerated > ago(3h) | where ClusterName == "${world.clusters[3]!.name}" | project TimeGenerated, Name, PodUid, PodStatus, ContainerStatus, Computer | order by TimeGenerated asc, Name asc`,
    'union KubeNodeInventory, KubePVInventory, Heartbeat, InsightsMetrics | where TimeGenerated > ago(2h) | summarize count() by Type, ClusterName | order by Type asc, ClusterName asc',
    'KubeEvents | where TimeGenerated > ago(6h) | summarize count(), max(LastSeen) by ClusterName, Reason | order by ClusterName asc, Reason asc',
    'Usage | summarize sum(Quantity) by DataType | order by DataType asc',
  ];
}

const answer = (world: World, query: string, cache?: GeneratedRowCache): unknown[][] =>
  runQuery(query, createWorkspaceTables(world, ['ws1'], {}, OPTIONS, cache), world.now).rows;

describe('generated rows shared across queries (GeneratedRowCache) answer exactly as generating them afresh', () => {
  it.each([11, 23, 47, 91])('seeded world %i: every query, asked twice and in any order, equals a fresh full generation', (seed) => {
    const world = seededWorld(seed);
    world.now = T0 + 10 * MIN + 17_000;
    const cache = new GeneratedRowCache();
    const qs = queries(world);
    const fresh = qs.map((q) => answer(world, q));
    expect(fresh.every((rows) => rows.length > 0)).toBe(true);
    expect(qs.map((q) => answer(world, q, cache))).toEqual(fresh);
    expect([...qs].reverse().map((q) => answer(world, q, cache)).reverse()).toEqual(fresh);
  });

  it('time moving on regenerates rows: answers follow the clock, never a stale instant', () => {
    const world = seededWorld(5);
    const cache = new GeneratedRowCache();
    const qs = queries(world);
    const seen = new Set<string>();
    for (const step of [0, 1_000, 59_000, 61_000, 7 * MIN, 3 * H]) {
      world.now = T0 + step;
      const cached = qs.map((q) => answer(world, q, cache));
      expect(cached).toEqual(qs.map((q) => answer(world, q)));
      seen.add(JSON.stringify(cached));
    }
    // The clock steps were chosen so that new samples become visible: the answers did change along the way.
    expect(seen.size).toBeGreaterThan(3);
  });

  it('a fixed window fills in as batches are ingested: the same range asked later is generated again', () => {
    const world = seededWorld(29);
    const cache = new GeneratedRowCache();
    const fixed = `KubeNodeInventory | where TimeGenerated between (datetime(${new Date(T0 - 20 * MIN).toISOString()}) .. datetime(${new Date(T0).toISOString()})) | summarize count() by ClusterName | order by ClusterName asc`;
    const counts: string[] = [];
    // Ingestion delays are 30-150 s here: the samples at the end of the window arrive during these 3 minutes.
    for (const step of [0, 45_000, 90_000, 120_000, 180_000]) {
      world.now = T0 + step;
      const cached = answer(world, fixed, cache);
      expect(cached).toEqual(answer(world, fixed));
      counts.push(JSON.stringify(cached));
    }
    expect(new Set(counts).size).toBeGreaterThan(1);
  });

  it('a new segment (health change) or a replaced last segment at the same instant regenerates the cluster rows', () => {
    const world = seededWorld(7);
    world.now = T0 + 30 * MIN;
    const cache = new GeneratedRowCache();
    const target = world.clusters[0]!;
    const q = `KubeNodeInventory | where TimeGenerated > ago(10m) | where ClusterName == "${target.name}" | summarize arg_max(TimeGenerated, Status) by Computer | summarize NotReady = countif(Status == "") `;
    const before = answer(world, q, cache);
    expect(before).toEqual(answer(world, q));
    const segs = world.segmentsOf.get(target.resourceId)!;
    segs.push(segment(T0 + 20 * MIN, { notReadyNodes: target.nodeCount }));
    const appended = answer(world, q, cache);
    expect(appended).toEqual(answer(world, q));
    expect(appended).toEqual([[target.nodeCount]]);
    // The simulation replaces the last segment when two changes happen at one instant (sim/clusterTelemetry.ts).
    segs[segs.length - 1] = segment(T0 + 20 * MIN);
    const replaced = answer(world, q, cache);
    expect(replaced).toEqual(answer(world, q));
    expect(replaced).toEqual([[0]]);
  });

  it('kept rows are frozen, so no query can change what another one reads', () => {
    const world = seededWorld(3);
    world.now = T0 + H;
    const cache = new GeneratedRowCache();
    const table = createWorkspaceTables(world, ['ws1'], {}, OPTIONS, cache).getTable('KubeNodeInventory', { fromMs: T0 + 50 * MIN });
    expect(table?.rows.length).toBeGreaterThan(0);
    expect(table?.rows.every((row) => Object.isFrozen(row))).toBe(true);
  });

  it('models only the clusters a query can see: a query filtered to one cluster reads one cluster timeline', () => {
    const world = seededWorld(13);
    world.now = T0 + H;
    const target = world.clusters[2]!;
    answer(world, `KubePodInventory | where TimeGenerated > ago(5m) | where ClusterId =~ "${target.resourceId}" | count`);
    expect(world.segmentCalls).toBe(1);
    world.segmentCalls = 0;
    answer(world, 'KubePodInventory | where TimeGenerated > ago(5m) | count');
    expect(world.segmentCalls).toBe(world.clusters.length);
  });
});

describe('the logs service over the simulation answers from the world as it is now', () => {
  const scenario = {
    name: 'row-cache',
    subscriptionId: '00000000-0000-0000-0000-0000000000c5',
    startTime: '2026-11-21T08:00:00Z',
    speed: 0,
    workspaceId: '0f5c2a7e-8d1b-4c3a-9e6f-2b7d1c0a9e8f',
    logs: { ingestionDelaySeconds: 0, sampleIntervalSeconds: 60 },
    defaults: { nodeCount: 3, kubernetesVersion: '1.32.7', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' },
    regions: { eastus: { kubernetesVersions: ['1.32.7'], nodeImage: '202611.01.0' } },
    fleets: [{ name: 'fleet-c', resourceGroup: 'rg-c', location: 'eastus', members: [{ name: 'm1', group: 'g1', cluster: { name: 'aks-c1', resourceGroup: 'rg-aks', location: 'eastus' } }, { name: 'm2', group: 'g1', cluster: { name: 'aks-c2', resourceGroup: 'rg-aks', location: 'eastus' } }] }],
  };
  const query = async (core: EmulatorCore, text: string): Promise<unknown[][]> => {
    const res = await core.logs.query(
      { method: 'POST', url: new URL(`https://127.0.0.1/v1/workspaces/${scenario.workspaceId}/query`), headers: { authorization: 'Bearer t' }, body: JSON.stringify({ query: text, timespan: 'PT2H' }) },
      scenario.workspaceId,
      { partialFailure: false },
    );
    expect(res.status).toBe(200);
    return (res.body as { tables: { rows: unknown[][] }[] }).tables[0]!.rows;
  };
  const NOT_READY = 'KubeNodeInventory | where ClusterName == "aks-c1" | summarize arg_max(TimeGenerated, Status) by Computer | summarize NotReady = countif(Status == "")';

  it('a health change at the same virtual instant, then another, is seen by the very next query', async () => {
    const core = new EmulatorCore(scenario, 'unused-ca');
    core.advance(600);
    expect(await query(core, NOT_READY)).toEqual([[0]]);
    core.sim.setHealth('aks-c1', { notReadyNodes: 2 });
    expect(await query(core, NOT_READY)).toEqual([[2]]);
    // Same instant again: the simulation replaces the cluster's last segment instead of appending one.
    core.sim.setHealth('aks-c1', { notReadyNodes: 1 });
    expect(await query(core, NOT_READY)).toEqual([[1]]);
    core.advance(120);
    expect(await query(core, NOT_READY)).toEqual([[1]]);
    await core.stop();
  });
});
