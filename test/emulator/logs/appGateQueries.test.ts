import { describe, expect, it } from 'vitest';
import { cluster, fakeTelemetry, segment, T0 } from './fakeTelemetry';
import { rows } from './logsHarness';

const H = 3_600_000;
const A = cluster('aks-a', 3).resourceId;
const B = cluster('aks-b', 4).resourceId;

// aks-a healthy (3 nodes); aks-b 4 nodes, from T0+1h: 1 NotReady node, 2 failed web pods, 1 pending PVC, 6 restarts/h;
// aks-x is in the workspace but not in the gated stage.
const source = fakeTelemetry(
  { ws1: [cluster('aks-a', 3), cluster('aks-b', 4), cluster('aks-x', 2)] },
  { 'aks-b': [segment(T0 - 24 * H), segment(T0 + H, { notReadyNodes: 1, failedPods: 2, pendingPvcs: 1, restarts: 6 })] },
  T0 + 2 * H,
);

/**
 * The app's built-in check queries, as rendered by src/domain/checks/templates (copied verbatim on 2026-11-21 so
 * that this test does not depend on the app's code): the stage's clusters in one dynamic array (aks-b's id in
 * upper case, matched by in~), the window as datetime literals, 01:50–02:00.
 */
const PREAMBLE = `let clusters = dynamic(["/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/managedClusters/aks-a", "/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000001/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/managedClusters/aks-b"]);
let windowStart = datetime(2026-11-21T01:50:00.000Z);
let windowEnd = datetime(2026-11-21T02:00:00.000Z);`;

describe('the app\'s gate queries give the expected verdict inputs', () => {
  it.each<[string, string, unknown[][]]>([
    ['nodes-ready', `KubeNodeInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters)
| summarize arg_max(TimeGenerated, Status) by ClusterId, Computer
| extend IsReady = Status == "Ready" or Status startswith "Ready," or Status endswith ",Ready" or Status contains ",Ready,"
| summarize Nodes = count(), NotReadyNodes = countif(IsReady == false) by ClusterId
| project ClusterId, Value = NotReadyNodes, Nodes`,
    [[A, 0, 3], [B, 1, 4]]],
    ['pods-healthy (excluding kube-system)', `KubePodInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters)
| summarize arg_max(TimeGenerated, PodStatus) by ClusterId, Namespace, Name
| summarize Pods = countif(Namespace !in ("kube-system")), UnhealthyPods = countif((Namespace !in ("kube-system")) and PodStatus in ("Failed", "Unknown")) by ClusterId
| project ClusterId, Value = UnhealthyPods, Pods`,
    [[A, 0, 3], [B, 2, 3]]],
    ['critical-workloads (shop/web and kube-system)', `let pods = KubePodInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters)
| summarize arg_max(TimeGenerated, PodStatus, ContainerStatus, ControllerKind, ControllerName) by ClusterId, Namespace, Name, ContainerName;
let reporting = pods | extend Workload = "";
let workload0 = pods | where Namespace == "shop" and (ControllerName == "web" or (ControllerKind == "ReplicaSet" and ControllerName matches regex "^web-[bcdfghjklmnpqrstvwxz2456789]+$")) | extend Workload = "shop/web";
let workload1 = pods | where Namespace == "kube-system" | extend Workload = "kube-system";
union reporting, workload0, workload1
| summarize NotReady = countif(PodStatus != "Running" or (isnotempty(ContainerStatus) and ContainerStatus !~ "running")) by ClusterId, Workload
| summarize HealthyWorkloads = countif(isnotempty(Workload) and NotReady == 0) by ClusterId
| project ClusterId, Value = HealthyWorkloads, Required = 2`,
    [[A, 2, 2], [B, 1, 2]]],
    ['metrics-flowing (KubeNodeInventory, KubePodInventory)', `union KubeNodeInventory, KubePodInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters)
| summarize Value = count(), LastSeen = max(TimeGenerated) by ClusterId`,
    [[A, 176, '2026-11-21T02:00:00Z'], [B, 187, '2026-11-21T02:00:00Z']]],
    ['pvc-bound', `let reporting = KubeNodeInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters)
| distinct ClusterId
| extend PVName = "", PVCName = "", PVCNamespace = "", PVStatus = "";
let volumes = KubePVInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters)
| summarize arg_max(TimeGenerated, PVStatus, PVCName, PVCNamespace) by ClusterId, PVName;
union reporting, volumes
| summarize Volumes = countif(isnotempty(PVName)), UnboundClaims = countif(isnotempty(PVCName) and PVStatus != "Bound") by ClusterId
| project ClusterId, Value = UnboundClaims, Volumes`,
    [[A, 0, 2], [B, 1, 2]]],
    ['restarts (excluding kube-system)', `KubePodInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters)
| summarize FirstRestarts = min(ContainerRestartCount), LastRestarts = max(ContainerRestartCount) by ClusterId, Namespace, ContainerName
| extend Growth = iff(Namespace !in ("kube-system"), LastRestarts - FirstRestarts, 0)
| summarize Value = sum(Growth), Containers = count() by ClusterId`,
    [[A, 0, 13], [B, 1, 13]]],
  ])('%s', async (_title, query, expected) => {
    expect(await rows(source, `${PREAMBLE}\n${query}`, '2026-11-21T01:50:00.000Z/2026-11-21T02:00:00.000Z')).toEqual(expected);
  });
});
