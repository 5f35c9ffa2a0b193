import { FLEET_API_VERSIONS, fleetFeatures } from '../arm/apiVersions';
import { conflict, notFound } from '../arm/armError';
import { jsonBody, objectField, requireObjectBody, type ArmContext } from '../arm/armContext';
import { armPath, FLEET_BASE, type ArmRoute, type ArmServices } from '../arm/armRoute';
import { validateName } from '../arm/armNames';
import { checkPreconditions } from '../arm/etag';
import { page } from '../arm/paging';
import { deleteRun, skipTargets, startRun, stopRun } from '../sim/runCommands';
import type { FleetState, RunState } from '../sim/worldTypes';
import { lookup, requireFleet } from './fleetLookup';
import { renderUpdateRun } from './renderUpdateRun';
import { buildRun } from './runFactory';

const V = FLEET_API_VERSIONS;
const RUN = `${FLEET_BASE}/updateRuns/{runName}`;
const TYPE = 'Microsoft.ContainerService/fleets/updateRuns';

function requireRun(ctx: ArmContext, s: ArmServices): { fleet: FleetState; run: RunState } {
  const fleet = requireFleet(ctx, s);
  const run = lookup(fleet.runs, ctx.params.runName ?? '');
  if (!run) throw notFound(TYPE, ctx.params.runName ?? '', fleet.resourceGroup);
  return { fleet, run };
}

/** start/stop/skip: POST with optional If-Match, answered with the UpdateRun (sync) or 202 + polling (async). */
function action(name: string, apply: (ctx: ArmContext, s: ArmServices, run: RunState) => void): ArmRoute {
  return {
    method: 'POST', pattern: armPath(`${RUN}/${name}`), resourceType: 'fleets/updateRuns', versions: V,
    handle: (ctx, s) => {
      const { fleet, run } = requireRun(ctx, s);
      checkPreconditions(ctx.request, run.etag);
      apply(ctx, s, run);
      const f = fleetFeatures(ctx.apiVersion);
      return s.lro.post(ctx, () => renderUpdateRun(fleet, run, f));
    },
  };
}

export const updateRunRoutes: ArmRoute[] = [
  {
    method: 'GET', pattern: armPath(`${FLEET_BASE}/updateRuns`), resourceType: 'fleets/updateRuns', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const f = fleetFeatures(ctx.apiVersion);
      return { status: 200, body: page(ctx, [...fleet.runs.values()].map((r) => renderUpdateRun(fleet, r, f)), s.pageSize) };
    },
  },
  {
    method: 'GET', pattern: armPath(RUN), resourceType: 'fleets/updateRuns', versions: V,
    handle: (ctx, s) => {
      const { fleet, run } = requireRun(ctx, s);
      return { status: 200, headers: { etag: run.etag }, body: renderUpdateRun(fleet, run, fleetFeatures(ctx.apiVersion)) };
    },
  },
  {
    method: 'PUT', pattern: armPath(RUN), resourceType: 'fleets/updateRuns', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const name = ctx.params.runName ?? '';
      validateName('update run', name);
      const existing = fleet.runs.get(name);
      checkPreconditions(ctx.request, existing?.etag);
      const body = requireObjectBody(ctx);
      if (existing && existing.status.state !== 'NotStarted')
        throw conflict(`The update run '${name}' has already been started (state '${existing.status.state}'); its strategy and managedClusterUpdate can no longer be changed.`, 'OperationNotAllowed');
      const f = fleetFeatures(ctx.apiVersion);
      const run = buildRun(s.sim, fleet, name, { properties: objectField(body, 'properties') }, f, existing);
      if (existing) s.sim.unregisterRun(existing);
      fleet.runs.set(name, run);
      s.sim.registerRun(run);
      return s.lro.put(ctx, !existing, renderUpdateRun(fleet, run, f), run.etag);
    },
  },
  {
    method: 'DELETE', pattern: armPath(RUN), resourceType: 'fleets/updateRuns', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const run = lookup(fleet.runs, ctx.params.runName ?? '');
      if (!run) return { status: 204 };
      checkPreconditions(ctx.request, run.etag);
      deleteRun(s.sim, run);
      return s.lro.delete(ctx);
    },
  },
  action('start', (_ctx, s, run) => startRun(s.sim, run)),
  action('stop', (_ctx, s, run) => stopRun(s.sim, run)),
  action('skip', (ctx, s, run) => skipTargets(s.sim, run, jsonBody(ctx))),
];
