/** A column as the Azure Monitor table reference declares it. */
export interface SchemaColumn {
  readonly name: string;
  readonly type: 'string' | 'datetime' | 'int' | 'long' | 'real' | 'bool' | 'dynamic' | 'guid' | 'timespan';
}

const cols = (spec: string): SchemaColumn[] =>
  spec.trim().split(/\s+/).map((pair) => {
    const [name, type] = pair.split(':') as [string, SchemaColumn['type']];
    return { name, type };
  });

/** Columns every Log Analytics table has but queries rarely name (hidden in results unless projected). */
const HIDDEN = cols('_BilledSize:real _IsBillable:string _SubscriptionId:string');

/**
 * The Container Insights tables Conductor queries, with their columns and types from the Azure Monitor table
 * reference (Microsoft docs "Azure Monitor Logs reference", tables KubeNodeInventory, KubePodInventory,
 * KubePVInventory, KubeEvents, KubeServices, InsightsMetrics, Heartbeat). Every built-in query and every custom
 * check query is analysed against this schema with Microsoft's Kusto language service.
 */
export const CONTAINER_INSIGHTS_SCHEMA: Readonly<Record<string, readonly SchemaColumn[]>> = {
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
  KubeServices: cols(`TenantId:string SourceSystem:string TimeGenerated:datetime ServiceName:string Namespace:string SelectorLabels:string
    ClusterId:string ClusterName:string ClusterIp:string ServiceType:string Type:string _ResourceId:string`),
};

/** The declared columns of a table, hidden ones included. */
export function schemaColumns(table: string): readonly SchemaColumn[] {
  return [...(CONTAINER_INSIGHTS_SCHEMA[table] ?? []), ...HIDDEN];
}
