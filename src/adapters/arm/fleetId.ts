/** The parts of a fleet's ARM id. */
export interface FleetIdParts {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly fleetName: string;
}

const FLEET_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/fleets\/([^/]+)$/i;

export function parseFleetId(fleetId: string): FleetIdParts {
  const m = FLEET_ID.exec(fleetId);
  if (!m) throw new Error(`Not a fleet resource id: "${fleetId}"`);
  return { subscriptionId: m[1] as string, resourceGroup: m[2] as string, fleetName: m[3] as string };
}
