import { randomUUID } from 'node:crypto';
import type { ClusterState, FleetState, GateResource } from '../sim/worldTypes';

/** An event in Event Grid schema, as delivered to webhook subscribers. */
export interface GridEvent {
  id: string;
  topic: string;
  subject: string;
  eventType: string;
  eventTime: string;
  data: Record<string, unknown>;
  dataVersion: string;
  metadataVersion: string;
}

export const AKS_EVENT = {
  newVersion: 'Microsoft.ContainerService.NewKubernetesVersionAvailable',
  supportEnding: 'Microsoft.ContainerService.ClusterSupportEnding',
  supportEnded: 'Microsoft.ContainerService.ClusterSupportEnded',
  rollingStarted: 'Microsoft.ContainerService.NodePoolRollingStarted',
  rollingSucceeded: 'Microsoft.ContainerService.NodePoolRollingSucceeded',
  rollingFailed: 'Microsoft.ContainerService.NodePoolRollingFailed',
} as const;

// The published samples spell the type `AksResources`; the docs table says `AKSResources`. We send the samples' casing.
export const GATE_EVENT_PREFIX = 'Microsoft.ResourceNotifications.AksResources.';
export const GATE_API_VERSION = '2025-04-01-preview';

/** Per-cluster AKS system-topic event: topic = cluster id, subject = cluster name (docs/azure-apis.md §3.1). */
export function aksEvent(cluster: ClusterState, eventType: string, data: Record<string, unknown>, timeIso: string): GridEvent {
  return {
    id: randomUUID(),
    topic: cluster.resourceId,
    subject: cluster.name,
    eventType,
    eventTime: timeIso,
    data,
    dataVersion: '1',
    metadataVersion: '1',
  };
}

export function gateResourceId(fleet: FleetState, gateName: string): string {
  return `${fleetId(fleet)}/gates/${gateName}`;
}

export function fleetId(fleet: FleetState): string {
  return `/subscriptions/${fleet.subscriptionId}/resourceGroups/${fleet.resourceGroup}/providers/Microsoft.ContainerService/fleets/${fleet.name}`;
}

/** Fleet gate event on the subscription-scope AKSResources topic (docs/azure-apis.md §3.2). */
export function gateEvent(fleet: FleetState, gate: GateResource, kind: 'Created' | 'Updated' | 'Deleted', timeIso: string): GridEvent {
  const id = gateResourceId(fleet, gate.name);
  return {
    id: randomUUID(),
    topic: `/subscriptions/${fleet.subscriptionId}`,
    subject: id,
    eventType: `${GATE_EVENT_PREFIX}FleetGate${kind}`,
    eventTime: timeIso,
    data: {
      resourceInfo: {
        id,
        name: gate.name,
        type: 'Microsoft.ContainerService/fleets/gates',
        properties: {
          displayName: gate.displayName ?? '',
          gateType: gate.gateType,
          provisioningState: 'Succeeded',
          state: gate.state,
          target: {
            id: `${fleetId(fleet)}/updateRuns/${gate.target.runName}`,
            updateRunProperties: {
              name: gate.target.runName,
              stage: gate.target.stage,
              ...(gate.target.group ? { group: gate.target.group } : {}),
              timing: gate.target.timing,
            },
          },
        },
      },
      operationalInfo: { resourceEventTime: timeIso },
      apiVersion: GATE_API_VERSION,
    },
    dataVersion: '1',
    metadataVersion: '1',
  };
}
