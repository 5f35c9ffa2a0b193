import type { CheckSpec } from '../../../../src/domain/checks/checkSpec';

export const NOW = '2026-11-21T17:00:00.000Z';
export const CLUSTER_A = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-a';
export const CLUSTER_B = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-b';

/** One spec of every type, with non-default parameters where a type has them. */
export const ALL_CHECKS: readonly CheckSpec[] = [
  { type: 'nodes-ready', name: 'nodes-ready', lookbackMinutes: 5, threshold: 0 },
  { type: 'pods-healthy', name: 'pods-healthy', lookbackMinutes: 5, threshold: 0, namespaces: ['web'], excludeNamespaces: ['batch'] },
  {
    type: 'critical-workloads',
    name: 'critical-workloads',
    lookbackMinutes: 5,
    workloads: [{ namespace: 'kube-system', controller: 'coredns' }, { namespace: 'ingress' }],
  },
  { type: 'metrics-flowing', name: 'metrics-flowing', lookbackMinutes: 10, threshold: 1, tables: ['KubeNodeInventory', 'KubePodInventory'] },
  { type: 'pvc-bound', name: 'pvc-bound', lookbackMinutes: 10, threshold: 0, namespaces: ['data'] },
  { type: 'restarts', name: 'restarts', lookbackMinutes: 15, threshold: 5, excludeNamespaces: ['batch'] },
  {
    type: 'custom',
    name: 'error-rate',
    lookbackMinutes: 15,
    query: 'AppRequests | where ClusterId in~ (clusters) | summarize Value = countif(Success == false) by ClusterId',
    clusterIdColumn: 'ClusterId',
    valueColumn: 'Value',
    comparator: '<',
    threshold: 10,
  },
];
