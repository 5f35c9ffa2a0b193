import type { PvcBoundCheck } from '../checkSpec';
import { eventsInWindow, scopedTable } from '../checkQuery';
import { namespaceFilter } from './namespaceFilter';

/**
 * Body of `pvc-bound`. KubePVInventory lists PersistentVolumes only (in_kube_pvinventory.rb), so a claim that never
 * got a volume has no row there; it shows as Warning events on the claim in KubeEvents (ProvisioningFailed,
 * FailedBinding; Warning events only, in_kube_events.rb). A claim counts when such an event was last seen in the window
 * (eventsInWindow: also when the event object, and so its TimeGenerated, dates from before the window) and it has no
 * Bound volume in the newest PV rows; a volume counts when its phase is Failed. Released volumes (their claim
 * was deleted) are not failures. Clusters reporting nodes but nothing failing return 0, not "no data".
 * Columns: ClusterId, Value (claims failing to provision + failed volumes), Volumes.
 */
export function pvcBoundQuery(spec: PvcBoundCheck): string {
  const eventFilter = namespaceFilter('Namespace', spec.namespaces, undefined);
  const volumeFilter = namespaceFilter('PVCNamespace', spec.namespaces, undefined);
  return [
    'let reporting = ' + scopedTable('KubeNodeInventory'),
    '| distinct ClusterId',
    '| extend Claim = "", Volume = "";',
    'let volumes = ' + scopedTable('KubePVInventory'),
    '| summarize arg_max(TimeGenerated, PVStatus, PVCName, PVCNamespace) by ClusterId, PVName',
    `${volumeFilter === undefined ? '' : `| where ${volumeFilter}\n`}| extend Claim = strcat(PVCNamespace, "/", PVCName);`,
    'let boundClaims = volumes | where PVStatus == "Bound" | project ClusterId, Claim;',
    'let failedVolumes = volumes | where PVStatus == "Failed" | project ClusterId, Claim, Volume = PVName;',
    'let stuckClaims = ' + eventsInWindow(),
    '| where ObjectKind == "PersistentVolumeClaim" and Reason in ("ProvisioningFailed", "FailedBinding")',
    `${eventFilter === undefined ? '' : `| where ${eventFilter}\n`}| extend Claim = strcat(Namespace, "/", Name)`,
    '| distinct ClusterId, Claim',
    '| join kind=leftanti boundClaims on ClusterId, Claim;',
    'let counted = volumes | project ClusterId, Volume = PVName;',
    'union reporting, counted, failedVolumes, stuckClaims',
    '| summarize Volumes = dcountif(Volume, isnotempty(Volume) and isempty(Claim)), Failing = dcountif(Claim, isnotempty(Claim)) by ClusterId',
    '| project ClusterId, Value = Failing, Volumes',
  ].join('\n');
}
