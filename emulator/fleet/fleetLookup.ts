import { ArmError, notFound } from '../arm/armError';
import type { ArmContext } from '../arm/armContext';
import type { ArmServices } from '../arm/armRoute';
import { fleetKey } from '../sim/worldBuilder';
import type { FleetState } from '../sim/worldTypes';

export function requireSubscription(ctx: ArmContext, services: ArmServices): string {
  const sub = ctx.params.subscriptionId ?? '';
  if (sub.toLowerCase() !== services.sim.scenario.subscriptionId.toLowerCase()) {
    throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${sub}' could not be found.`);
  }
  return sub;
}

export function requireFleet(ctx: ArmContext, services: ArmServices): FleetState {
  requireSubscription(ctx, services);
  const { subscriptionId = '', resourceGroup = '', fleetName = '' } = ctx.params;
  const fleet = services.sim.fleets.get(fleetKey(subscriptionId, resourceGroup, fleetName));
  if (!fleet) throw notFound('Microsoft.ContainerService/fleets', fleetName, resourceGroup);
  return fleet;
}

/** ARM resource names are case-insensitive on lookup; stored names are lowercase by the name rules. */
export function lookup<T>(map: Map<string, T>, name: string): T | undefined {
  return map.get(name) ?? map.get(name.toLowerCase());
}
