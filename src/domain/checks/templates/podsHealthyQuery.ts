import type { PodsHealthyCheck } from '../checkSpec';
import { scopedTable } from '../checkQuery';
import { namespaceFilter } from './namespaceFilter';

/**
 * Body of `pods-healthy`: the latest KubePodInventory phase per pod; pods in Failed or Unknown are unhealthy.
 * Columns: ClusterId, Value (unhealthy pods), Pods.
 */
export function podsHealthyQuery(spec: PodsHealthyCheck): string {
  const filter = namespaceFilter('Namespace', spec.namespaces, spec.excludeNamespaces);
  const unhealthy = 'PodStatus in ("Failed", "Unknown")';
  const counts =
    filter === undefined
      ? `Pods = count(), UnhealthyPods = countif(${unhealthy})`
      : `Pods = countif(${filter}), UnhealthyPods = countif((${filter}) and ${unhealthy})`;
  return [
    scopedTable('KubePodInventory'),
    '| summarize arg_max(TimeGenerated, PodStatus) by ClusterId, Namespace, Name',
    `| summarize ${counts} by ClusterId`,
    '| project ClusterId, Value = UnhealthyPods, Pods',
  ].join('\n');
}
