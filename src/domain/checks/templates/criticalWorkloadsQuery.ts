import type { CriticalWorkload, CriticalWorkloadsCheck } from '../checkSpec';
import { latestSnapshot } from '../checkQuery';
import { GONE_OR_DONE } from './podConditions';
import { kqlString, regexEscape } from '../kqlLiteral';

/** Characters Kubernetes uses for pod-template-hash suffixes (SafeEncodeString alphabet). */
const POD_TEMPLATE_HASH = '[bcdfghjklmnpqrstvwxz2456789]+';

/** The label a workload has in the evidence rows: `namespace` or `namespace/controller`. */
export function workloadLabel(workload: CriticalWorkload): string {
  return workload.controller === undefined ? workload.namespace : `${workload.namespace}/${workload.controller}`;
}

function workloadCondition(workload: CriticalWorkload): string {
  const namespace = `Namespace == ${kqlString(workload.namespace)}`;
  if (workload.controller === undefined) return namespace;
  const exact = `ControllerName == ${kqlString(workload.controller)}`;
  const replicaSet = `ControllerKind == "ReplicaSet" and ControllerName matches regex ${kqlString(
    `^${regexEscape(workload.controller)}-${POD_TEMPLATE_HASH}$`,
  )}`;
  return `${namespace} and (${exact} or (${replicaSet}))`;
}

/**
 * Body of `critical-workloads`: the newest KubePodInventory snapshot per cluster (one row per container and per init
 * container); each listed workload is a union branch (one pod may satisfy several entries), plus an unlabelled
 * branch so that every reporting cluster returns a row. A workload is healthy when it has rows in the snapshot and
 * none of its pods is unready: Terminating and Succeeded pods are left out (evicted at the end of an upgrade, Jobs
 * that completed); every other pod must be Running with its containers running or, for init containers,
 * terminated/Completed. Columns: ClusterId, Value (healthy listed workloads), Required.
 */
export function criticalWorkloadsQuery(spec: CriticalWorkloadsCheck): string {
  const branches = spec.workloads.map(
    (workload, index) =>
      `let workload${index} = pods | where ${workloadCondition(workload)} | extend Workload = ${kqlString(workloadLabel(workload))};`,
  );
  const names = ['reporting', ...spec.workloads.map((_, index) => `workload${index}`)].join(', ');
  const unready = `not(${GONE_OR_DONE}) and (PodStatus != "Running" or ContainerStatus == "waiting" or isempty(ContainerStatus) or (ContainerStatus == "terminated" and ContainerStatusReason != "Completed"))`;
  return [
    latestSnapshot('pods', 'KubePodInventory'),
    'let reporting = pods | distinct ClusterId | extend Workload = "";',
    ...branches,
    `union ${names}`,
    `| summarize Rows = countif(isnotempty(Workload)), Unready = countif(isnotempty(Workload) and ${unready}) by ClusterId, Workload`,
    '| summarize HealthyWorkloads = countif(isnotempty(Workload) and Rows > 0 and Unready == 0) by ClusterId',
    `| project ClusterId, Value = HealthyWorkloads, Required = ${spec.workloads.length}`,
  ].join('\n');
}
