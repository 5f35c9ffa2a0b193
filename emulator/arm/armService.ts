import type { EmulatorRequest, EmulatorResponse } from '../httpTypes';
import { aksRoutes } from '../aks/aksRoutes';
import { fleetRoutes } from '../fleet/fleetRoutes';
import { gateRoutes, operationRoutes } from '../fleet/gateRoutes';
import { profileRoutes } from '../fleet/profileRoutes';
import { strategyRoutes } from '../fleet/strategyRoutes';
import { updateRunRoutes } from '../fleet/updateRunRoutes';
import { requireApiVersion } from './apiVersions';
import { ArmError, toErrorResponse } from './armError';
import type { ArmRoute, ArmServices } from './armRoute';

const ROUTES: readonly ArmRoute[] = [...fleetRoutes, ...strategyRoutes, ...updateRunRoutes, ...profileRoutes, ...gateRoutes, ...operationRoutes, ...aksRoutes];

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ArmError(400, 'InvalidRequestUri', `The path segment '${segment}' is not valid percent-encoding.`);
  }
}

/** Routes an ARM request: path → method → api-version → handler, with every failure as an ARM error envelope. */
export function handleArm(request: EmulatorRequest, services: ArmServices, baseUrl: string): EmulatorResponse {
  try {
    const path = request.url.pathname;
    let pathMatched: ArmRoute | undefined;
    for (const route of ROUTES) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathMatched = route;
      if (route.method !== request.method.toUpperCase()) continue;
      const params = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeSegment(v)]));
      const apiVersion =
        route.versions.length > 0
          ? requireApiVersion(request.url.searchParams, route.resourceType, route.versions, params.location ?? 'global', services.retired)
          : (request.url.searchParams.get('api-version') ?? '');
      services.sim.sync();
      return route.handle({ request, params, apiVersion, baseUrl }, services);
    }
    if (pathMatched) {
      throw new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${request.method}'.`);
    }
    const provider = /\/providers\/([^/]+)\/([^/]+)/i.exec(path);
    throw new ArmError(
      404,
      provider ? 'InvalidResourceType' : 'NotFound',
      provider
        ? `The resource type '${provider[2] ?? ''}' could not be found in the namespace '${provider[1] ?? ''}' for api version '${request.url.searchParams.get('api-version') ?? ''}'.`
        : `The requested path '${path}' is not an ARM resource path this emulator serves.`,
    );
  } catch (error) {
    if (error instanceof ArmError) return toErrorResponse(error);
    throw error;
  }
}
