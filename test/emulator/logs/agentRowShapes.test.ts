import { describe, expect, it } from 'vitest';
import { CONTAINER_INSIGHTS_SCHEMA } from '../../../src/adapters/kql/containerInsightsSchema';
import type { TelemetryWorkload } from '../../../emulator/telemetrySource';
import { cluster, fakeTelemetry, segment, T0 } from './fakeTelemetry';
import { post, rows } from './logsHarness';

const MIN = 60_000;
const H = 60 * MIN;
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const NEW = { kubernetesVersion: '1.34.1', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.14.0' };
const WORKLOADS: TelemetryWorkload[] = [
  { namespace: 'shop', controllerName: 'web', controllerKind: 'ReplicaSet', replicas: 3, initContainers: ['istio-init'], sidecars: ['istio-proxy'] },
  { namespace: 'shop', controllerName: 'migrate', controllerKind: 'Job', replicas: 1 },
];
// aks-u: 3 nodes, upgraded T0+1h..T0+1h20m (5-minute cycles: nodes 0..2, then the surge node's removal).
const UPGRADE = T0 + H;
const UPGRADE_END = UPGRADE + 20 * MIN;
const NOW = T0 + 3 * H;
const source = fakeTelemetry(
  {
    ws1: [
      cluster('aks-u', 3, { workloads: WORKLOADS }),
      cluster('aks-f', 3, { workloads: WORKLOADS, pvcCount: 3 }),
      cluster('aks-c', 2, { workloads: WORKLOADS }),
    ],
  },
  {
    'aks-u': [segment(T0 - 24 * H), segment(UPGRADE, {}, { upgrading: true, ...NEW }), segment(UPGRADE_END, {}, NEW)],
    'aks-f': [segment(T0 - 24 * H), segment(NOW - 30 * MIN, { crashLoopingPods: 1, imagePullBackOffPods: 1, unschedulablePods: 1, notReadyNodes: 1, pendingPvcs: 1, releasedPvs: 1, failingNamespace: 'shop' })],
    'aks-c': [segment(T0 - 24 * H, { collectionPreset: 'cost-optimized' })],
  },
  NOW,
);
const at = (ms: number) => `datetime(${new Date(ms).toISOString()})`;

describe('schema: the emulator tables have the Azure Monitor reference columns and types', () => {
  it.each(['KubeNodeInventory', 'KubePodInventory', 'KubePVInventory', 'KubeEvents', 'InsightsMetrics', 'Heartbeat'])('%s', async (table) => {
    const res = await post(source, { query: `${table} | take 1`, timespan: 'PT1H' });
    const columns = (res.body as { tables: { columns: { name: string; type: string }[] }[] }).tables[0]!.columns;
    expect(columns.map((c) => `${c.name}:${c.type}`)).toEqual(CONTAINER_INSIGHTS_SCHEMA[table]!.map((c) => `${c.name}:${c.type}`));
  });
});

describe('KubePodInventory rows as in_kube_podinventory.rb writes them', () => {
  it('one row per container and per init container: init terminated/Completed, native sidecar running; ContainerName is <podUid>/<name>; ControllerName the ReplicaSet; PodLabel a string', async () => {
    const result = await rows(source, `KubePodInventory | where ClusterName == "aks-u" and TimeGenerated == ${at(NOW)} and ControllerKind == "ReplicaSet" and Namespace == "shop"
      | extend Container = tostring(split(ContainerName, "/")[1]), UidMatches = ContainerName startswith PodUid, Labels = parse_json(PodLabel)
      | summarize Pods = dcount(Name), States = make_set(strcat(Container, "=", ContainerStatus, "/", ContainerStatusReason)), Controllers = make_set(ControllerName), Uid = min(tolong(UidMatches)), App = any(tostring(Labels[0].app))`, 'PT4H');
    expect(result).toEqual([[3, JSON.stringify(['web=running/', 'istio-init=terminated/Completed', 'istio-proxy=running/']), expect.stringMatching(/^\["web-[bcdfghjklmnpqrstvwxz2456789]{10}"\]$/), 1, 'web']]);
  });

  it('completed Job pods read Succeeded with their container terminated/Completed', async () => {
    expect(await rows(source, `KubePodInventory | where ClusterName == "aks-u" and TimeGenerated == ${at(NOW)} and ControllerKind == "Job" | project PodStatus, ContainerStatus, ContainerStatusReason, ControllerName`, 'PT4H'))
      .toEqual([['Succeeded', 'terminated', 'Completed', 'migrate']]);
  });

  it('draining a node replaces its pods: the old pod is listed Terminating once, the new one (new name and UID) starts Pending (initializing) on another node', async () => {
    // Node 1 is drained at the start of the second 5-minute cycle.
    const drain = UPGRADE + 5 * MIN;
    const sample = await rows(source, `KubePodInventory | where ClusterName == "aks-u" and TimeGenerated == ${at(drain)} and ControllerKind == "ReplicaSet" and Namespace == "shop" and ContainerName endswith "/web"
      | project Name, PodUid, PodStatus, ContainerStatus, ContainerStatusReason, Node = Computer endswith "000001" | order by PodStatus asc, Name asc`, 'PT4H');
    const terminating = sample.filter((r) => r[2] === 'Terminating');
    const pending = sample.filter((r) => r[2] === 'Pending');
    expect(terminating).toHaveLength(1);
    expect(pending).toHaveLength(1);
    expect(pending[0]![0]).not.toBe(terminating[0]![0]);
    expect(pending[0]![1]).not.toBe(terminating[0]![1]);
    expect([terminating[0]![5], pending[0]!.slice(3)]).toEqual([true, ['waiting', 'PodInitializing', false]]); // the web container waits for istio-init
  });

  it('after the upgrade every Deployment pod is a replacement: no pod name survives, the count is the same', async () => {
    const names = async (t: number) => (await rows(source, `KubePodInventory | where ClusterName == "aks-u" and TimeGenerated == ${at(t)} and ControllerKind == "ReplicaSet" | distinct Name`, 'PT4H')).map((r) => r[0]);
    const before = await names(UPGRADE - MIN);
    const after = await names(UPGRADE_END + MIN);
    expect(after).toHaveLength(before.length);
    expect(after.filter((n) => before.includes(n))).toEqual([]);
  });

  // Back-off 10 s doubling to 5 min: 5 restarts in the first 10 minutes, then one per 5 minutes.
  it('a crash loop stays Running with the container waiting in CrashLoopBackOff and its restart count growing', async () => {
    const result = await rows(source, `KubePodInventory | where ClusterName == "aks-f" and ContainerStatusReason == "CrashLoopBackOff" and TimeGenerated in (${at(NOW - 20 * MIN)}, ${at(NOW)})
      | project TimeGenerated, PodStatus, ContainerStatus, ContainerRestartCount, Last = tostring(parse_json(ContainerLastStatus).reason) | order by TimeGenerated asc`, 'PT4H');
    expect(result).toEqual([[iso(NOW - 20 * MIN), 'Running', 'waiting', 5, 'Error'], [iso(NOW), 'Running', 'waiting', 9, 'Error']]);
  });

  it('an image that cannot be pulled leaves the pod Pending with the container waiting in ImagePullBackOff; an unschedulable pod is Pending with no node and no container row', async () => {
    expect(await rows(source, `KubePodInventory | where ClusterName == "aks-f" and TimeGenerated == ${at(NOW)} and PodStatus == "Pending" | project ContainerStatus, ContainerStatusReason, HasNode = isnotempty(Computer), Container = tostring(split(ContainerName, "/")[1]) | order by Container asc`, 'PT4H'))
      .toEqual([['', '', false, ''], ['terminated', 'Completed', true, 'istio-init'], ['running', '', true, 'istio-proxy'], ['waiting', 'ImagePullBackOff', true, 'web']]);
  });
});

describe('KubeNodeInventory, KubePVInventory and KubeEvents rows', () => {
  it('node Status is the list of true conditions: Ready, or empty when not ready (never "NotReady"); the surge node exists only during the upgrade', async () => {
    expect(await rows(source, `KubeNodeInventory | where ClusterName == "aks-f" and TimeGenerated == ${at(NOW)} | summarize make_set(Status)`, 'PT4H')).toEqual([[JSON.stringify(['Ready', ''])]]);
    const nodes = async (t: number) => (await rows(source, `KubeNodeInventory | where ClusterName == "aks-u" and TimeGenerated == ${at(t)} | count`, 'PT4H'))[0]![0];
    expect([await nodes(UPGRADE - MIN), await nodes(UPGRADE + MIN), await nodes(UPGRADE_END + MIN)]).toEqual([3, 4, 3]);
    expect(await rows(source, 'KubeNodeInventory | where Status has "NotReady" | count', 'P1D')).toEqual([[0]]);
  });

  it('KubePVInventory lists volumes only: the claim without a volume has no row, a Released volume keeps its old claim', async () => {
    expect(await rows(source, `KubePVInventory | where ClusterName == "aks-f" and TimeGenerated == ${at(NOW)} | summarize count() by PVStatus | order by PVStatus asc`, 'PT4H'))
      .toEqual([['Bound', 2], ['Released', 1]]);
  });

  it('KubeEvents holds Warning events only: FailedScheduling, image pull, back-off and provisioning failures', async () => {
    expect(await rows(source, 'KubeEvents | where ClusterName == "aks-f" | summarize count() by KubeEventType', 'PT1H')).toEqual([['Warning', expect.any(Number)]]);
    expect(await rows(source, 'KubeEvents | where ClusterName == "aks-f" | distinct ObjectKind, Reason, SourceComponent | order by Reason asc', 'PT1H')).toEqual([
      ['Pod', 'BackOff', 'kubelet'], ['Pod', 'Failed', 'kubelet'], ['Pod', 'FailedScheduling', 'default-scheduler'], ['PersistentVolumeClaim', 'ProvisioningFailed', 'disk.csi.azure.com'],
    ]);
  });

  it('KubeEvents rows carry the event object\'s creationTimestamp as TimeGenerated: re-written when Count changes, LastSeen moves on, TimeGenerated stays (in_kube_events.rb)', async () => {
    const start = NOW - 30 * MIN; // aks-f's claim has failed to provision since then
    expect(await rows(source, `KubeEvents | where ClusterName == "aks-f" and Reason == "ProvisioningFailed"
      | summarize Rows = count(), Stamps = make_set(TimeGenerated), FirstSeen = make_set(FirstSeen), Counts = make_set(Count), LastSeen = max(LastSeen)`, 'PT1H'))
      .toEqual([[7, JSON.stringify([iso(start)]), JSON.stringify([iso(start)]), JSON.stringify([1, 2, 3, 4, 5, 6, 7]), iso(start + 30 * MIN)]]);
    // A timespan that starts after the condition began sees none of its rows, though it was re-reported inside it.
    expect(await rows(source, 'KubeEvents | where ClusterName == "aks-f" and Reason == "ProvisioningFailed" | count', 'PT10M')).toEqual([[0]]);
    expect(await rows(source, `KubeEvents | where ClusterName == "aks-f" and Reason == "ProvisioningFailed" and LastSeen >= ${at(NOW - 10 * MIN)} | count`, `${iso(start)}/${iso(NOW)}`)).toEqual([[3]]);
  });
});

describe('collection presets and ingestion delay', () => {
  it('cost-optimized: samples every 5 minutes and no kube-system rows', async () => {
    expect(await rows(source, 'KubePodInventory | where ClusterName == "aks-c" | summarize Samples = dcount(TimeGenerated), KubeSystem = countif(Namespace == "kube-system")', 'PT1H')).toEqual([[13, 0]]);
    expect(await rows(source, 'KubeNodeInventory | where ClusterName == "aks-c" | summarize dcount(TimeGenerated)', 'PT1H')).toEqual([[13]]);
  });

  it('a seeded delay of 20 s – 3 min: the newest minutes are only partly visible, everything older than 3 minutes is', async () => {
    const seeded = { ingestionDelay: { minSeconds: 20, maxSeconds: 180, seed: 'shape' } };
    const visible = await rows(source, 'KubeNodeInventory | where ClusterName == "aks-u" | summarize Samples = dcount(TimeGenerated), Newest = max(TimeGenerated)', 'PT10M', seeded);
    const [samples, newest] = visible[0] as [number, string];
    expect(Date.parse(newest)).toBeLessThanOrEqual(NOW - 20_000);
    expect(samples).toBeGreaterThanOrEqual(8);
    expect(samples).toBeLessThan(11);
  });
});
