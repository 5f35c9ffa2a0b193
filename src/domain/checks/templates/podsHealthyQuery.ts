import type { PodsHealthyCheck } from '../checkSpec';
import { latestSnapshot } from '../checkQuery';
import { namespaceFilter } from './namespaceFilter';
import { FAILING_ROW } from './podConditions';

/**
 * Body of `pods-healthy`: the newest KubePodInventory snapshot per cluster, rows grouped per pod; a pod fails when
 * any of its rows is a FAILING_ROW (crash loop, image pull, error exit, phase Failed/Unknown).
 * Columns: ClusterId, Value (failing pods), Pods.
 */
export function podsHealthyQuery(spec: PodsHealthyCheck): string {
  const filter = namespaceFilter('Namespace', spec.namespaces, spec.excludeNamespaces);
  const counts =
    filter === undefined
      ? 'Pods = count(), FailingPods = countif(Failing > 0)'
      : `Pods = countif(${filter}), FailingPods = countif((${filter}) and Failing > 0)`;
  return [
    latestSnapshot('pods', 'KubePodInventory'),
    'pods',
    `| summarize Failing = countif(${FAILING_ROW}) by ClusterId, Namespace, Name, PodUid`,
    `| summarize ${counts} by ClusterId`,
    '| project ClusterId, Value = FailingPods, Pods',
  ].join('\n');
}
