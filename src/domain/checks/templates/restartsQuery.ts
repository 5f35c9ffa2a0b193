import type { RestartsCheck } from '../checkSpec';
import { scopedTable } from '../checkQuery';
import { namespaceFilter } from './namespaceFilter';

/**
 * Body of `restarts`: ContainerRestartCount is cumulative per container (ContainerName is `poduid/name`, so a
 * recreated pod is a new container); growth = max - min in the window, summed per cluster.
 * Columns: ClusterId, Value (restart growth), Containers.
 */
export function restartsQuery(spec: RestartsCheck): string {
  const filter = namespaceFilter('Namespace', spec.namespaces, spec.excludeNamespaces);
  const growth = filter === undefined ? 'LastRestarts - FirstRestarts' : `iff(${filter}, LastRestarts - FirstRestarts, 0)`;
  return [
    scopedTable('KubePodInventory'),
    '| summarize FirstRestarts = min(ContainerRestartCount), LastRestarts = max(ContainerRestartCount) by ClusterId, Namespace, ContainerName',
    `| extend Growth = ${growth}`,
    '| summarize Value = sum(Growth), Containers = count() by ClusterId',
  ].join('\n');
}
