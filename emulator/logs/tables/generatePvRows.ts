import type { KqlValue } from '../kql/kqlTypes';
import { hashGuid } from './clusterModel';
import { forEachSample, type GenerationContext, type RowSink } from './GenerationContext';
import { columnIndexes, TABLE_SCHEMAS } from './tableSchemas';

const C = columnIndexes('KubePVInventory');
const WIDTH = TABLE_SCHEMAS.KubePVInventory!.length;

/**
 * KubePVInventory lists PersistentVolumes only: the agent lists `persistentvolumes` and writes one record per item
 * (source/plugins/ruby/in_kube_pvinventory.rb:L91, L141-L164, parse_and_emit_records); PVStatus = `status.phase`
 * (L158); PVCName and PVCNamespace from `spec.claimRef` (L145-L148, getPVCInfo L194-L210). Lines are from the fork
 * rsegers/Docker-Provider@018696f: the search index holds no microsoft/Docker-Provider copy of this file.
 * A claim whose volume cannot be provisioned (health.pendingPvcs: the first N claims) has no PV and therefore no
 * row; health.releasedPvs adds volumes in phase Released whose claimRef still names the deleted claim (Kubernetes
 * keeps claimRef on a Released PV).
 */
export function generatePvRows(ctx: GenerationContext, out: RowSink): void {
  const { model, timeline } = ctx;
  const created = timeline.segments[0]?.fromMs ?? 0;
  const push = (t: number, pvName: string, status: string, pvcName: string, namespace: string, capacity: number): void => {
    const row: KqlValue[] = new Array<KqlValue>(WIDTH);
    row[C.TenantId!] = ctx.workspaceId;
    row[C.SourceSystem!] = 'Containers';
    row[C.TimeGenerated!] = t;
    row[C.ClusterId!] = model.clusterId;
    row[C.ClusterName!] = model.cluster.name;
    row[C.PVName!] = pvName;
    row[C.PVStatus!] = status;
    row[C.PVAccessModes!] = 'ReadWriteOnce';
    row[C.PVType!] = 'CSI';
    row[C.PVTypeInfo!] = { driver: 'disk.csi.azure.com', volumeHandle: `/subscriptions/${model.subscriptionId}/resourceGroups/mc_${model.resourceGroup}/providers/Microsoft.Compute/disks/${pvName}` };
    row[C.PVCapacityBytes!] = capacity;
    row[C.PVCName!] = pvcName;
    row[C.PVCNamespace!] = namespace;
    row[C.PVStorageClassName!] = 'managed-csi';
    row[C.PVCreationTimeStamp!] = created;
    row[C.Type!] = 'KubePVInventory';
    row[C._ResourceId!] = model.resourceIdLower;
    out.push(row);
  };
  forEachSample(ctx, (t, segment) => {
    model.pvcs.forEach((pvc, i) => {
      if (i < segment.health.pendingPvcs) return;
      push(t, pvc.pvName, 'Bound', pvc.pvcName, pvc.namespace, pvc.capacityBytes);
    });
    const namespace = model.pvcs[0]?.namespace ?? 'default';
    for (let i = 0; i < (segment.health.releasedPvs ?? 0); i++) {
      push(t, `pvc-${hashGuid(`${model.cluster.resourceId}/released/${i}`)}`, 'Released', `data-retired-${i}`, namespace, 8 * 1024 ** 3);
    }
  });
}
