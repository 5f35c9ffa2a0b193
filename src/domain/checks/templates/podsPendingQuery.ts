import type { PodsPendingCheck } from '../checkSpec';
import { latestSnapshot } from '../checkQuery';
import { kqlNumber } from '../kqlLiteral';
import { namespaceFilter } from './namespaceFilter';

/**
 * Body of `pods-pending`: the newest KubePodInventory snapshot per cluster; a pod counts when it is Pending and was
 * created at least `pendingMinutes` before the window's end (the scheduler could not place it, its image never
 * pulled, or its volume never came). Replacement pods of a drain are Pending for seconds and do not count.
 * Columns: ClusterId, Value (pods stuck Pending), Pods.
 */
export function podsPendingQuery(spec: PodsPendingCheck): string {
  const filter = namespaceFilter('Namespace', spec.namespaces, spec.excludeNamespaces);
  const stuck = `PodStatus == "Pending" and PodCreationTimeStamp <= windowEnd - ${kqlNumber(spec.pendingMinutes)} * 1m`;
  const counts =
    filter === undefined
      ? `Pods = count(), StuckPods = countif(${stuck})`
      : `Pods = countif(${filter}), StuckPods = countif((${filter}) and ${stuck})`;
  return [
    latestSnapshot('pods', 'KubePodInventory'),
    'pods',
    '| summarize arg_max(TimeGenerated, PodStatus, PodCreationTimeStamp) by ClusterId, Namespace, Name, PodUid',
    `| summarize ${counts} by ClusterId`,
    '| project ClusterId, Value = StuckPods, Pods',
  ].join('\n');
}
