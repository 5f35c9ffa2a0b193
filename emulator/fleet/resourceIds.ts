import type { FleetState } from '../sim/worldTypes';

export const FLEETS_TYPE = 'Microsoft.ContainerService/fleets';

export function fleetResourceId(fleet: FleetState): string {
  return `/subscriptions/${fleet.subscriptionId}/resourceGroups/${fleet.resourceGroup}/providers/${FLEETS_TYPE}/${fleet.name}`;
}

export function childId(fleet: FleetState, segment: string, name: string): string {
  return `${fleetResourceId(fleet)}/${segment}/${name}`;
}
