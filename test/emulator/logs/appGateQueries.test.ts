import { describe, expect, it } from 'vitest';
import { cluster, fakeTelemetry, segment, T0 } from './fakeTelemetry';
import { rows } from './logsHarness';

const H = 3_600_000;
// ClusterId as the agent writes it: `resourcegroups` in lower case (the gate matches ids case-insensitively).
const agentId = (name: string): string => cluster(name, 1).resourceId.replace('/resourceGroups/', '/resourcegroups/');
const A = agentId('aks-a');
const B = agentId('aks-b');

// aks-a healthy (3 nodes); aks-b 4 nodes, from T0+1h: 1 NotReady node, 2 crash-looping web pods, 1 claim without a
// volume, 6 restarts/h;
// aks-x is in the workspace but not in the gated stage.
const source = fakeTelemetry(
  { ws1: [cluster('aks-a', 3), cluster('aks-b', 4), cluster('aks-x', 2)] },
  { 'aks-b': [segment(T0 - 24 * H), segment(T0 + H, { notReadyNodes: 1, failedPods: 2, pendingPvcs: 1, restarts: 6 })] },
  T0 + 2 * H,
);

/**
 * The app's built-in check queries, as rendered by src/domain/checks/templates (copied verbatim when the checks were reworked for agent-true rows, so
 * that this test does not depend on the app's code): the stage's clusters in one dynamic array (aks-b's id in
 * upper case, matched by in~), the window as datetime literals, 01:50–02:00, and the scan start 24 h earlier.
 * Requests carry the timespan the app sends: scan start to window end.
 */
const PREAMBLE = `let clusters = dynamic(["/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/managedClusters/aks-a", "/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000001/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/managedClusters/aks-b"]);
let windowStart = datetime(2026-11-21T01:50:00.000Z);
let windowEnd = datetime(2026-11-21T02:00:00.000Z);
let scanStart = datetime(2026-11-20T01:50:00.000Z);`;

describe('the app\'s gate queries give the expected verdict inputs', () => {
  it.each<[string, string, unknown[][]]>([
    ['nodes-ready', `let nodesRows = KubeNodeInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters);
let nodes = nodesRows
| join kind=inner (nodesRows | summarize Snapshot = max(TimeGenerated) by ClusterId) on ClusterId
| where TimeGenerated == Snapshot;
nodes
| extend IsReady = Status == "Ready" or Status startswith "Ready," or Status endswith ",Ready" or Status contains ",Ready,"
| summarize Nodes = count(), NotReadyNodes = countif(IsReady == false) by ClusterId
| project ClusterId, Value = NotReadyNodes, Nodes`,
    [[A,0,3],[B,1,4]]],
    ['pods-healthy (excluding kube-system)', `let podsRows = KubePodInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters);
let pods = podsRows
| join kind=inner (podsRows | summarize Snapshot = max(TimeGenerated) by ClusterId) on ClusterId
| where TimeGenerated == Snapshot;
pods
| summarize Failing = countif(PodStatus in ("Failed", "Unknown") or (ContainerStatus == "waiting" and ContainerStatusReason in ("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "ErrImageNeverPull", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "RunContainerError")) or (ContainerStatus == "terminated" and ContainerStatusReason != "Completed" and PodStatus == "Running")) by ClusterId, Namespace, Name, PodUid
| summarize Pods = countif(Namespace !in ("kube-system")), FailingPods = countif((Namespace !in ("kube-system")) and Failing > 0) by ClusterId
| project ClusterId, Value = FailingPods, Pods`,
    [[A,0,3],[B,2,3]]],
    ['pods-pending', `let podsRows = KubePodInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters);
let pods = podsRows
| join kind=inner (podsRows | summarize Snapshot = max(TimeGenerated) by ClusterId) on ClusterId
| where TimeGenerated == Snapshot;
pods
| summarize arg_max(TimeGenerated, PodStatus, PodCreationTimeStamp) by ClusterId, Namespace, Name, PodUid
| summarize Pods = count(), StuckPods = countif(PodStatus == "Pending" and PodCreationTimeStamp <= windowEnd - 3 * 1m) by ClusterId
| project ClusterId, Value = StuckPods, Pods`,
    [[A,0,13],[B,0,15]]],
    ['critical-workloads (shop/web and kube-system)', `let podsRows = KubePodInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters);
let pods = podsRows
| join kind=inner (podsRows | summarize Snapshot = max(TimeGenerated) by ClusterId) on ClusterId
| where TimeGenerated == Snapshot;
let reporting = pods | distinct ClusterId | extend Workload = "";
let workload0 = pods | where Namespace == "shop" and (ControllerName == "web" or (ControllerKind == "ReplicaSet" and ControllerName matches regex "^web-[bcdfghjklmnpqrstvwxz2456789]+$")) | extend Workload = "shop/web";
let workload1 = pods | where Namespace == "kube-system" | extend Workload = "kube-system";
union reporting, workload0, workload1
| summarize Rows = countif(isnotempty(Workload)), Unready = countif(isnotempty(Workload) and not(PodStatus in ("Terminating", "Succeeded")) and (PodStatus != "Running" or ContainerStatus == "waiting" or isempty(ContainerStatus) or (ContainerStatus == "terminated" and ContainerStatusReason != "Completed"))) by ClusterId, Workload
| summarize HealthyWorkloads = countif(isnotempty(Workload) and Rows > 0 and Unready == 0) by ClusterId
| project ClusterId, Value = HealthyWorkloads, Required = 2`,
    [[A,2,2],[B,1,2]]],
    ['metrics-flowing (KubeNodeInventory, KubePodInventory)', `union KubeNodeInventory, KubePodInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters)
| project ClusterId, Seen = TimeGenerated
| summarize Value = count(), LastSeen = max(Seen) by ClusterId`,
    [[A,264,"2026-11-21T02:00:00Z"],[B,319,"2026-11-21T02:00:00Z"]]],
    ['pvc-bound', `let reporting = KubeNodeInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters)
| distinct ClusterId
| extend Claim = "", Volume = "";
let volumes = KubePVInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters)
| summarize arg_max(TimeGenerated, PVStatus, PVCName, PVCNamespace) by ClusterId, PVName
| extend Claim = strcat(PVCNamespace, "/", PVCName);
let boundClaims = volumes | where PVStatus == "Bound" | project ClusterId, Claim;
let failedVolumes = volumes | where PVStatus == "Failed" | project ClusterId, Claim, Volume = PVName;
let stuckClaims = KubeEvents
| where TimeGenerated between (scanStart .. windowEnd)
| where ClusterId in~ (clusters)
| where LastSeen between (windowStart .. windowEnd)
| where ObjectKind == "PersistentVolumeClaim" and Reason in ("ProvisioningFailed", "FailedBinding")
| extend Claim = strcat(Namespace, "/", Name)
| distinct ClusterId, Claim
| join kind=leftanti boundClaims on ClusterId, Claim;
let counted = volumes | project ClusterId, Volume = PVName;
union reporting, counted, failedVolumes, stuckClaims
| summarize Volumes = dcountif(Volume, isnotempty(Volume) and isempty(Claim)), Failing = dcountif(Claim, isnotempty(Claim)) by ClusterId
| project ClusterId, Value = Failing, Volumes`,
    // aks-b's claim has failed since 01:00: every KubeEvents row of it is stamped 01:00, before the window.
    [[A,0,2],[B,1,1]]],
    ['restarts (excluding kube-system)', `KubePodInventory
| where TimeGenerated between (windowStart .. windowEnd)
| where ClusterId in~ (clusters)
| summarize FirstRestarts = min(ContainerRestartCount), LastRestarts = max(ContainerRestartCount) by ClusterId, Namespace, ContainerName
| extend Growth = iff(Namespace !in ("kube-system"), LastRestarts - FirstRestarts, 0)
| summarize Value = sum(Growth), Containers = count() by ClusterId`,
    [[A,0,21],[B,5,25]]],
  ])('%s', async (_title, query, expected) => {
    expect(await rows(source, `${PREAMBLE}\n${query}`, '2026-11-20T01:50:00.000Z/2026-11-21T02:00:00.000Z')).toEqual(expected);
  });
});
