import type { Column, KqlType } from '../kql/kqlTypes';

const cols = (spec: string): Column[] =>
  spec.trim().split(/\s+/).map((pair) => {
    const [name, type] = pair.split(':') as [string, KqlType];
    return { name, type };
  });

/**
 * Column lists (in this order) of the generated tables, following the Azure Monitor table reference for Container
 * Insights. Hidden columns (_BilledSize, _IsBillable, _SubscriptionId) are not returned, as in Log Analytics.
 */
export const TABLE_SCHEMAS: Readonly<Record<string, readonly Column[]>> = {
  KubeNodeInventory: cols(`TenantId:string SourceSystem:string TimeGenerated:datetime Computer:string ClusterName:string ClusterId:string
    LastTransitionTimeReady:datetime Labels:string Status:string KubeletVersion:string KubeProxyVersion:string CreationTimeStamp:datetime
    DockerVersion:string OperatingSystem:string KubernetesProviderID:string Type:string _ResourceId:string`),
  KubePodInventory: cols(`TenantId:string SourceSystem:string TimeGenerated:datetime Computer:string ClusterId:string
    ContainerCreationTimeStamp:datetime PodUid:string PodCreationTimeStamp:datetime ContainerRestartCount:int PodRestartCount:int
    PodStartTime:datetime ContainerStartTime:datetime ServiceName:string ControllerKind:string ControllerName:string ContainerStatus:string
    ContainerID:string ContainerName:string Name:string PodLabel:string Namespace:string PodStatus:string ClusterName:string PodIp:string
    ContainerStatusReason:string ContainerLastStatus:string InstanceName:string Type:string _ResourceId:string`),
  KubePVInventory: cols(`TenantId:string SourceSystem:string TimeGenerated:datetime ClusterId:string ClusterName:string PVName:string
    PVStatus:string PVAccessModes:string PVType:string PVTypeInfo:dynamic PVCapacityBytes:real PVCName:string PVCNamespace:string
    PVStorageClassName:string PVCreationTimeStamp:datetime Type:string _ResourceId:string`),
  InsightsMetrics: cols(`TenantId:string SourceSystem:string TimeGenerated:datetime Computer:string Origin:string Namespace:string
    Name:string Val:real Tags:string AgentId:string Type:string _ResourceId:string`),
  Heartbeat: cols(`TenantId:string SourceSystem:string TimeGenerated:datetime SourceComputerId:string ComputerIP:string Computer:string
    Category:string OSType:string OSName:string OSMajorVersion:string OSMinorVersion:string Version:string ComputerEnvironment:string
    Solutions:string ResourceId:string ResourceGroup:string SubscriptionId:string ResourceProvider:string Resource:string ResourceType:string
    Type:string _ResourceId:string`),
  KubeEvents: cols(`TenantId:string SourceSystem:string TimeGenerated:datetime Computer:string ClusterId:string ClusterName:string
    ObjectKind:string Namespace:string Name:string Reason:string Message:string KubeEventType:string SourceComponent:string
    FirstSeen:datetime LastSeen:datetime Count:real Type:string _ResourceId:string`),
  Usage: cols(`TenantId:string Computer:string TimeGenerated:datetime SourceSystem:string StartTime:datetime EndTime:datetime
    ResourceUri:string LinkedResourceUri:string DataType:string Solution:string BatchesWithinSla:long BatchesOutsideSla:long
    BatchesCapped:long TotalBatches:long AvgLatencyInSeconds:real Quantity:real QuantityUnit:string IsBillable:bool MeterId:string
    LinkedMeterId:string Type:string`),
};

/** Index of each column by name, per table, for the generators. */
export function columnIndexes(table: string): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  TABLE_SCHEMAS[table]!.forEach((c, i) => (out[c.name] = i));
  return out;
}
