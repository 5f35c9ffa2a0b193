import type { KqlValue } from '../kql/kqlTypes';
import { forEachSample, type GenerationContext, type RowSink } from './GenerationContext';
import { columnIndexes, TABLE_SCHEMAS } from './tableSchemas';

const C = columnIndexes('KubePVInventory');
const WIDTH = TABLE_SCHEMAS.KubePVInventory!.length;

/** KubePVInventory: one row per PVC per sample; the first health.pendingPvcs are Pending, the rest Bound. */
export function generatePvRows(ctx: GenerationContext, out: RowSink): void {
  const { model, timeline } = ctx;
  const created = timeline.segments[0]?.fromMs ?? 0;
  forEachSample(ctx, (t, segment) => {
    model.pvcs.forEach((pvc, i) => {
      const status = i < segment.health.pendingPvcs ? 'Pending' : 'Bound';
      const row: KqlValue[] = new Array<KqlValue>(WIDTH);
      row[C.TenantId!] = ctx.workspaceId;
      row[C.SourceSystem!] = 'Containers';
      row[C.TimeGenerated!] = t;
      row[C.ClusterId!] = model.cluster.resourceId;
      row[C.ClusterName!] = model.cluster.name;
      row[C.PVName!] = pvc.pvName;
      row[C.PVStatus!] = status;
      row[C.PVCStatus!] = status;
      row[C.PVAccessModes!] = 'ReadWriteOnce';
      row[C.PVType!] = 'CSI';
      row[C.PVTypeInfo!] = { driver: 'disk.csi.azure.com', volumeHandle: `/subscriptions/${model.subscriptionId}/resourceGroups/mc_${model.resourceGroup}/providers/Microsoft.Compute/disks/${pvc.pvName}` };
      row[C.PVCapacityBytes!] = pvc.capacityBytes;
      row[C.PVCName!] = pvc.pvcName;
      row[C.PVCNamespace!] = pvc.namespace;
      row[C.PVStorageClassName!] = 'managed-csi';
      row[C.PVCreationTimeStamp!] = created;
      row[C.Type!] = 'KubePVInventory';
      row[C._ResourceId!] = model.resourceIdLower;
      out.push(row);
    });
  });
}
