import type { PvcBoundCheck } from '../checkSpec';
import { scopedTable } from '../checkQuery';
import { namespaceFilter } from './namespaceFilter';

/**
 * Body of `pvc-bound`: the latest KubePVInventory row per persistent volume; a volume with a claim (PVCName set)
 * whose PVStatus is not `Bound` is unbound. Clusters reporting nodes but no volumes return 0 (not "no data").
 * Columns: ClusterId, Value (unbound claimed volumes), Volumes.
 */
export function pvcBoundQuery(spec: PvcBoundCheck): string {
  const filter = namespaceFilter('PVCNamespace', spec.namespaces, undefined);
  const unbound = `isnotempty(PVCName) and PVStatus != "Bound"${filter === undefined ? '' : ` and ${filter}`}`;
  return [
    'let reporting = ' + scopedTable('KubeNodeInventory'),
    '| distinct ClusterId',
    '| extend PVName = "", PVCName = "", PVCNamespace = "", PVStatus = "";',
    'let volumes = ' + scopedTable('KubePVInventory'),
    '| summarize arg_max(TimeGenerated, PVStatus, PVCName, PVCNamespace) by ClusterId, PVName;',
    'union reporting, volumes',
    `| summarize Volumes = countif(isnotempty(PVName)), UnboundClaims = countif(${unbound}) by ClusterId`,
    '| project ClusterId, Value = UnboundClaims, Volumes',
  ].join('\n');
}
