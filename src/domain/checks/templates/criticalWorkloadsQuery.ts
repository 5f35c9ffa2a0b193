import type { CriticalWorkload, CriticalWorkloadsCheck } from '../checkSpec';
import { scopedTable } from '../checkQuery';
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
 * Body of `critical-workloads`: the latest KubePodInventory row per container; each listed workload is a union
 * branch (so one pod may satisfy several entries), plus an unlabelled branch so that every reporting cluster
 * returns a row. A workload is healthy when it has rows and all are Running (containers `running` when reported).
 * Columns: ClusterId, Value (healthy listed workloads), Required.
 */
export function criticalWorkloadsQuery(spec: CriticalWorkloadsCheck): string {
  const pods = [
    'let pods = ' + scopedTable('KubePodInventory'),
    '| summarize arg_max(TimeGenerated, PodStatus, ContainerStatus, ControllerKind, ControllerName) by ClusterId, Namespace, Name, ContainerName;',
  ].join('\n');
  const branches = spec.workloads.map(
    (workload, index) =>
      `let workload${index} = pods | where ${workloadCondition(workload)} | extend Workload = ${kqlString(workloadLabel(workload))};`,
  );
  const names = ['reporting', ...spec.workloads.map((_, index) => `workload${index}`)].join(', ');
  return [
    pods,
    'let reporting = pods | extend Workload = "";',
    ...branches,
    `union ${names}`,
    '| summarize NotReady = countif(PodStatus != "Running" or (isnotempty(ContainerStatus) and ContainerStatus !~ "running")) by ClusterId, Workload',
    '| summarize HealthyWorkloads = countif(isnotempty(Workload) and NotReady == 0) by ClusterId',
    `| project ClusterId, Value = HealthyWorkloads, Required = ${spec.workloads.length}`,
  ].join('\n');
}
