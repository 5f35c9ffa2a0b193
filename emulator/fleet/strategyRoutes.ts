import { FLEET_API_VERSIONS, fleetFeatures } from '../arm/apiVersions';
import { notFound } from '../arm/armError';
import { objectField, requireObjectBody } from '../arm/armContext';
import { armPath, FLEET_BASE, type ArmRoute } from '../arm/armRoute';
import { validateName } from '../arm/armNames';
import { checkPreconditions, newEtag } from '../arm/etag';
import { page } from '../arm/paging';
import { normalizeStrategy } from '../sim/strategyNormalizer';
import { systemData } from '../sim/worldBuilder';
import { lookup, requireFleet } from './fleetLookup';
import { renderStrategyResource } from './renderFleet';

const V = FLEET_API_VERSIONS;
const STRATEGY = `${FLEET_BASE}/updateStrategies/{strategyName}`;
const TYPE = 'Microsoft.ContainerService/fleets/updateStrategies';

export const strategyRoutes: ArmRoute[] = [
  {
    method: 'GET', pattern: armPath(`${FLEET_BASE}/updateStrategies`), resourceType: 'fleets/updateStrategies', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const f = fleetFeatures(ctx.apiVersion);
      return { status: 200, body: page(ctx, [...fleet.strategies.values()].map((x) => renderStrategyResource(fleet, x, f)), s.pageSize) };
    },
  },
  {
    method: 'GET', pattern: armPath(STRATEGY), resourceType: 'fleets/updateStrategies', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const strategy = lookup(fleet.strategies, ctx.params.strategyName ?? '');
      if (!strategy) throw notFound(TYPE, ctx.params.strategyName ?? '', fleet.resourceGroup);
      return { status: 200, headers: { etag: strategy.etag }, body: renderStrategyResource(fleet, strategy, fleetFeatures(ctx.apiVersion)) };
    },
  },
  {
    method: 'PUT', pattern: armPath(STRATEGY), resourceType: 'fleets/updateStrategies', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const name = ctx.params.strategyName ?? '';
      validateName('update strategy', name);
      const existing = fleet.strategies.get(name);
      checkPreconditions(ctx.request, existing?.etag);
      const f = fleetFeatures(ctx.apiVersion);
      const strategy = normalizeStrategy(objectField(requireObjectBody(ctx), 'properties')?.strategy, f);
      const resource = {
        name,
        strategy,
        etag: newEtag(),
        systemData: existing ? { ...existing.systemData, lastModifiedAt: s.sim.nowIso() } : systemData(s.sim.nowIso()),
      };
      // Editing a strategy never changes runs already created from it: runs hold a snapshot.
      fleet.strategies.set(name, resource);
      return s.lro.put(ctx, !existing, renderStrategyResource(fleet, resource, f), resource.etag);
    },
  },
  {
    method: 'DELETE', pattern: armPath(STRATEGY), resourceType: 'fleets/updateStrategies', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const strategy = lookup(fleet.strategies, ctx.params.strategyName ?? '');
      if (!strategy) return { status: 204 };
      checkPreconditions(ctx.request, strategy.etag);
      fleet.strategies.delete(strategy.name);
      return s.lro.delete(ctx);
    },
  },
];
