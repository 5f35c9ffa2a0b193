import { describe, expect, it } from 'vitest';
import { cluster, fakeTelemetry, segment, T0 } from './fakeTelemetry';
import { rows } from './logsHarness';

const H = 3_600_000;
const MIN = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

// ws1: aks-a healthy (3 nodes); aks-b 4 nodes, from T0+1h: 1 NotReady node, 2 crash-looping pods (legacy `failedPods`),
// 1 claim without a volume, 6 restarts/h;
// aks-c 2 nodes, monitoring agent stops at T0+1h; aks-d 3 nodes, upgrading 1.33.2 → 1.34.1 from T0+2h-7m.
const NOW = T0 + 2 * H;
const source = fakeTelemetry(
  { ws1: [cluster('aks-a', 3), cluster('aks-b', 4), cluster('aks-c', 2), cluster('aks-d', 3)], ws2: [cluster('aks-other', 1)] },
  {
    'aks-b': [segment(T0 - 24 * H), segment(T0 + H, { notReadyNodes: 1, failedPods: 2, pendingPvcs: 1, restarts: 6 })],
    'aks-c': [segment(T0 - 24 * H), segment(T0 + H, { metricsFlowing: false })],
    'aks-d': [segment(T0 - 24 * H), segment(NOW - 7 * MIN, {}, { upgrading: true, kubernetesVersion: '1.34.1', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.14.0' })],
  },
  NOW,
);

describe('generated Container Insights tables reflect the simulated clusters', () => {
  it.each<[string, string, string, unknown[][]]>([
    ['latest node state per cluster during an upgrade (one node reimaging with an empty Status, one done, the surge node on the new version)', 'PT1H',
      'KubeNodeInventory | where ClusterName == "aks-d" | summarize arg_max(TimeGenerated, Status, KubeletVersion) by Computer | order by Computer asc | project Status, KubeletVersion',
      [['Ready', 'v1.34.1'], ['', 'v1.34.1'], ['Ready', 'v1.33.2'], ['Ready', 'v1.34.1']]],
    ['the second node waits for the first, then is cordoned (not written in Status) and reimaged: Status per minute', `${iso(NOW - 7 * MIN)}/${iso(NOW)}`,
      'KubeNodeInventory | where ClusterName == "aks-d" and Computer endswith "000001" | order by TimeGenerated asc | project Status',
      [['Ready'], ['Ready'], ['Ready'], ['Ready'], ['Ready'], ['Ready'], ['Ready'], ['']]],
    ['the first node: cordoned 2 min, not Ready 2 min (empty Status), then Ready on the new version', `${iso(NOW - 7 * MIN)}/${iso(NOW)}`,
      'KubeNodeInventory | where ClusterName == "aks-d" and Computer endswith "000000" | order by TimeGenerated asc | project Status, KubeletVersion',
      [['Ready', 'v1.33.2'], ['Ready', 'v1.33.2'], ['', 'v1.34.1'], ['', 'v1.34.1'],
        ['Ready', 'v1.34.1'], ['Ready', 'v1.34.1'], ['Ready', 'v1.34.1'], ['Ready', 'v1.34.1']]],
    ['nodes Ready at some point in the last 5 minutes (agent of aks-c silent; every aks-d node, surge included, was Ready at least once)', 'PT1H',
      'KubeNodeInventory | where TimeGenerated > ago(5m) | where Status == "Ready" | summarize dcount(Computer) by ClusterName | order by ClusterName asc',
      [['aks-a', 3], ['aks-b', 3], ['aks-d', 4]]],
    ['nodes Ready now', 'PT1H',
      'KubeNodeInventory | summarize arg_max(TimeGenerated, Status) by ClusterName, Computer | summarize Ready = countif(Status == "Ready"), Total = count() by ClusterName | order by ClusterName asc',
      [['aks-a', 3, 3], ['aks-b', 3, 4], ['aks-d', 3, 4]]],
    ['crash-looping pods per cluster (Running, container waiting in CrashLoopBackOff; ControllerName is the ReplicaSet)', 'PT1H',
      'KubePodInventory | where TimeGenerated > ago(5m) | where PodStatus == "Running" and ContainerStatus == "waiting" and ContainerStatusReason == "CrashLoopBackOff" | summarize Failing = dcount(Name), Controllers = make_set(ControllerName) by ClusterName',
      [['aks-b', 2, '["web-txxxb8lbvh"]']]],
    ['pods per cluster and namespace (3 web, coredns/metrics-server x2, kube-proxy/ama-logs per node, the surge node\'s too)', 'PT5M',
      'KubePodInventory | where TimeGenerated == now() | summarize dcount(Name) by ClusterName, Namespace | order by ClusterName asc, Namespace asc',
      [['aks-a', 'kube-system', 10], ['aks-a', 'shop', 3], ['aks-b', 'kube-system', 12], ['aks-b', 'shop', 3], ['aks-d', 'kube-system', 12], ['aks-d', 'shop', 3]]],
    ['restarts accumulated: two pods crash-looping for an hour (15 each at the kubelet back-off) plus 6/h spread over the app', 'PT1H',
      'KubePodInventory | where TimeGenerated == now() | summarize Restarts = sum(ContainerRestartCount) by ClusterName | where Restarts > 0',
      [['aks-b', 36]]],
    ['restart growth over the last hour', 'PT2H',
      'KubePodInventory | where ClusterName == "aks-b" | summarize arg_min(TimeGenerated, ContainerRestartCount), arg_max(TimeGenerated, ContainerRestartCount) by Name | summarize Growth = sum(ContainerRestartCount1 - ContainerRestartCount)',
      [[36]]],
    ['volumes: a claim that got no volume has no row (KubePVInventory lists PersistentVolumes only)', 'PT1H',
      'KubePVInventory | where TimeGenerated == now() | summarize Bound = countif(PVStatus == "Bound"), Rows = count() by ClusterName | order by ClusterName asc',
      [['aks-a', 2, 2], ['aks-b', 1, 1], ['aks-d', 2, 2]]],
    ['last data per cluster (metrics-flowing): aks-c stopped at T0+1h', 'PT2H',
      'Heartbeat | summarize Last = max(TimeGenerated) by _ResourceId | extend Cluster = tostring(split(_ResourceId, "/")[8]) | project Cluster, Last | order by Cluster asc',
      [['aks-a', iso(NOW)], ['aks-b', iso(NOW)], ['aks-c', iso(T0 + H - MIN)], ['aks-d', iso(NOW)]]],
    ['heartbeats in 5 minutes: NotReady nodes send none', 'PT1H',
      'Heartbeat | where TimeGenerated > ago(5m) | summarize n = count() by Resource | order by Resource asc',
      [['aks-a', 15], ['aks-b', 15], ['aks-d', 13]]],
    ['ready replicas of a workload from kube-state metrics', 'PT1H',
      'InsightsMetrics | where TimeGenerated == now() and Namespace == "container.azm.ms/kubestate" | extend T = parse_json(Tags) | summarize Ready = min(Val) by Cluster = tostring(T["container.azm.ms/clusterName"]), Deployment = tostring(T.deployment) | order by Cluster asc',
      [['aks-a', 'shop', 3], ['aks-b', 'shop', 1], ['aks-d', 'shop', 3]].map(([c, _n, v]) => [c, 'web', v])],
    // KubeEvents rows are stamped with the event's creation (T0+1h), so recent ones are found by LastSeen.
    ['warning events last seen in the last 5 minutes', 'PT1H',
      'KubeEvents | where LastSeen > ago(5m) and KubeEventType == "Warning" | summarize n = count() by ClusterName, Reason | order by ClusterName asc, Reason asc',
      [['aks-b', 'BackOff', 2], ['aks-b', 'ProvisioningFailed', 1]]],
    ['no warning event is stamped in the last 5 minutes: their conditions began an hour ago', 'PT1H',
      'KubeEvents | where TimeGenerated > ago(5m) | count',
      [[0]]],
    ['a let that shadows a column name does not narrow generation (the where compares the column with itself)', 'PT1H',
      'let ClusterName = "aks-a"; KubeNodeInventory | where ClusterName == ClusterName | summarize dcount(ClusterName)',
      [[3]]],
    ['a workspace sees only its own clusters', 'PT2H',
      'KubeNodeInventory | distinct ClusterName, TenantId | order by ClusterName asc',
      [['aks-a', 'ws1'], ['aks-b', 'ws1'], ['aks-c', 'ws1'], ['aks-d', 'ws1']]],
  ])('%s', async (_title, timespan, query, expected) => {
    expect(await rows(source, query, timespan)).toEqual(expected);
  });
});

describe('time windows, sampling and ingestion delay', () => {
  it.each<[string, string, Parameters<typeof rows>[3], unknown[][]]>([
    ['default 60 s sampling: 60 rows per node and hour', 'PT1H', {}, [[61]]],
    ['sampleIntervalSeconds 300: 12 rows per node and hour', 'PT1H', { sampleIntervalSeconds: 300 }, [[13]]],
    ['ingestion delay of 3 minutes hides the newest rows', 'PT1H', { ingestionDelaySeconds: 180 }, [[58]]],
  ])('%s', async (_title, timespan, options, expected) => {
    expect(await rows(source, 'KubeNodeInventory | where Computer endswith "000000" and ClusterName == "aks-a" | count', timespan, options)).toEqual(expected);
  });

  it.each<[string, string, unknown[][]]>([
    ['duration ending now', 'PT10M', [[iso(NOW - 10 * MIN), iso(NOW)]]],
    ['start/end interval', `${iso(T0)}/${iso(T0 + 30 * MIN)}`, [[iso(T0), iso(T0 + 30 * MIN)]]],
    ['start/duration', `${iso(T0)}/PT5M`, [[iso(T0), iso(T0 + 5 * MIN)]]],
    ['duration/end', `PT5M/${iso(T0 + H)}`, [[iso(T0 + 55 * MIN), iso(T0 + H)]]],
    ['no timespan: where TimeGenerated bounds the data', '', [[iso(NOW - 30 * MIN), iso(NOW)]]],
  ])('timespan %s', async (_title, timespan, expected) => {
    const q = timespan === ''
      ? 'KubeNodeInventory | where TimeGenerated >= ago(30m) | summarize min(TimeGenerated), max(TimeGenerated)'
      : 'KubeNodeInventory | summarize min(TimeGenerated), max(TimeGenerated)';
    expect(await rows(source, q, timespan)).toEqual(expected);
  });

  it('no timespan and no time filter: the last day', async () => {
    expect(await rows(source, 'Heartbeat | summarize min(TimeGenerated)', '')).toEqual([[iso(NOW - 24 * H)]]);
  });
});

describe('generation is bounded', () => {
  it('refuses, with a 400 naming the way out, a window that would not fit in memory', async () => {
    const big = fakeTelemetry({ ws1: Array.from({ length: 400 }, (_, i) => cluster(`aks-${i}`, 50)) }, {}, NOW);
    await expect(rows(big, 'KubePodInventory | count', 'P30D')).rejects.toThrow(
      /HTTP 400: .*The emulator would generate about 4,475,623,600 KubePodInventory rows .*narrow the timespan or filter with 'where TimeGenerated > ago\(\.\.\.\)' right after the table/,
    );
  });

  it.each<[string, unknown[][]]>([
    ['KubeNodeInventory | where ClusterName == "aks-1" | count', [[72_050]]],
    ['KubeNodeInventory | where ClusterId in~ (dynamic(["/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000001/RESOURCEGROUPS/RG-FLEET/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS-2"])) | summarize dcount(Computer)', [[50]]],
    ['KubeNodeInventory | where ClusterName in ("AKS-1") | count', [[0]]],
    ['KubeNodeInventory | where TimeGenerated > ago(1h) | where ClusterName =~ "AKS-3" and Status == "Ready" | summarize count() by ClusterName', [['aks-3', 3000]]],
  ])('the same fleet answers a day of one cluster: leading cluster filters limit generation (%s)', async (query, expected) => {
    const big = fakeTelemetry({ ws1: Array.from({ length: 400 }, (_, i) => cluster(`aks-${i}`, 50)) }, {}, NOW);
    expect(await rows(big, query, 'P1D')).toEqual(expected);
  });

  it('without a cluster filter a day of that fleet is refused', async () => {
    const big = fakeTelemetry({ ws1: Array.from({ length: 400 }, (_, i) => cluster(`aks-${i}`, 50)) }, {}, NOW);
    await expect(rows(big, 'KubeNodeInventory | count', 'P1D')).rejects.toThrow(/about 29,396,400 KubeNodeInventory rows/);
  });

  it('the same fleet answers when the query bounds the window', async () => {
    const big = fakeTelemetry({ ws1: Array.from({ length: 400 }, (_, i) => cluster(`aks-${i}`, 50)) }, {}, NOW);
    expect(await rows(big, 'KubeNodeInventory | where TimeGenerated > ago(2m) | summarize dcount(ClusterName), count()', 'P30D')).toEqual([[400, 40000]]);
  });
});

describe('upgrades as the ARM simulation records them (version unchanged while upgrading, new version after)', () => {
  const sim = fakeTelemetry(
    { ws1: [cluster('aks-e', 3), cluster('aks-f', 3)] },
    {
      // Finished: upgrading for 10 minutes, then 1.34.1.
      'aks-e': [segment(T0 - 24 * H), segment(NOW - 12 * MIN, {}, { upgrading: true }), segment(NOW - 2 * MIN, {}, { kubernetesVersion: '1.34.1' })],
      // Still going: the target is not known yet, nodes cycle at 5 minutes each and keep reporting the current version.
      'aks-f': [segment(T0 - 24 * H), segment(NOW - 7 * MIN, {}, { upgrading: true })],
    },
    NOW,
  );
  const latest = 'KubeNodeInventory | where ClusterName == "{c}" | summarize arg_max(TimeGenerated, Status, KubeletVersion) by Computer | order by Computer asc | project Status, KubeletVersion';
  it.each<[string, string, string, unknown[][]]>([
    // Three nodes and the surge node's removal in 10 minutes: 150 s per cycle; the surge node is deleted at 8.5 min.
    ['finished upgrade, seen 9 minutes in: all three nodes done, the surge node last seen before its deletion', 'aks-e', `${iso(NOW - 5 * MIN)}/${iso(NOW - 3 * MIN)}`,
      [['Ready', 'v1.34.1'], ['Ready', 'v1.34.1'], ['Ready', 'v1.34.1'], ['Ready', 'v1.34.1']]],
    ['finished upgrade, seen after its end: all Ready on the new version', 'aks-e', 'PT1M',
      [['Ready', 'v1.34.1'], ['Ready', 'v1.34.1'], ['Ready', 'v1.34.1']]],
    ['ongoing upgrade with an unknown target: nodes cycle on the current version', 'aks-f', 'PT1M',
      [['Ready', 'v1.33.2'], ['', 'v1.33.2'], ['Ready', 'v1.33.2'], ['Ready', 'v1.33.2']]],
  ])('%s', async (_title, name, timespan, expected) => {
    expect(await rows(sim, latest.replace('{c}', name), timespan)).toEqual(expected);
  });
});
