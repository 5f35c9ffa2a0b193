import { FLEET_API_VERSIONS, fleetFeatures } from '../arm/apiVersions';
import { ArmError, notFound } from '../arm/armError';
import { objectField, requireObjectBody } from '../arm/armContext';
import { armPath, FLEET_BASE, SUB_PROVIDER, type ArmRoute } from '../arm/armRoute';
import { validateGateName } from '../arm/armNames';
import { checkPreconditions, newEtag } from '../arm/etag';
import { page } from '../arm/paging';
import type { GateResource } from '../sim/worldTypes';
import { requireFleet } from './fleetLookup';
import { renderGate } from './renderFleet';

/** Gates exist from 2025-04-01-preview, and in stable from 2026-06-01 (docs/azure-apis.md §0, §7). */
const GATE_VERSIONS = FLEET_API_VERSIONS.filter((v) => fleetFeatures(v).gates);
const GATE = `${FLEET_BASE}/gates/{gateName}`;
const TYPE = 'Microsoft.ContainerService/fleets/gates';

/** `$filter=state eq Pending` (CLI) or `state eq 'Pending'`; other filters are rejected rather than ignored. */
function stateFilter(filter: string | null): string | undefined {
  if (filter === null || filter.trim() === '') return undefined;
  const m = /^\s*(?:properties\/)?state\s+eq\s+'?(\w+)'?\s*$/i.exec(filter);
  if (!m?.[1]) throw new ArmError(400, 'InvalidQueryParameterValue', `The $filter '${filter}' is not supported. Supported: state eq <Pending|Completed|Skipped>.`);
  return m[1].toLowerCase();
}

export const gateRoutes: ArmRoute[] = [
  {
    method: 'GET', pattern: armPath(`${FLEET_BASE}/gates`), resourceType: 'fleets/gates', versions: GATE_VERSIONS,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const state = stateFilter(ctx.request.url.searchParams.get('$filter'));
      const gates = [...fleet.gates.values()].filter((g) => state === undefined || g.state.toLowerCase() === state);
      return { status: 200, body: page(ctx, gates.map((g) => renderGate(fleet, g)), s.pageSize) };
    },
  },
  {
    method: 'GET', pattern: armPath(GATE), resourceType: 'fleets/gates', versions: GATE_VERSIONS,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const name = (ctx.params.gateName ?? '').toLowerCase();
      validateGateName(name);
      const gate = fleet.gates.get(name);
      if (!gate) throw notFound(TYPE, name, fleet.resourceGroup);
      return { status: 200, headers: { etag: gate.etag }, body: renderGate(fleet, gate) };
    },
  },
  {
    method: 'PATCH', pattern: armPath(GATE), resourceType: 'fleets/gates', versions: GATE_VERSIONS,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const name = (ctx.params.gateName ?? '').toLowerCase();
      validateGateName(name);
      const gate: GateResource | undefined = fleet.gates.get(name);
      if (!gate) throw notFound(TYPE, name, fleet.resourceGroup);
      checkPreconditions(ctx.request, gate.etag);
      const state = objectField(requireObjectBody(ctx), 'properties')?.state;
      if (state !== 'Completed') throw new ArmError(400, 'InvalidRequestContent', `properties.state '${String(state)}' is invalid. A gate can only be set to 'Completed'.`);
      if (gate.state === 'Skipped') throw new ArmError(409, 'OperationNotAllowed', `Gate '${name}' was skipped with its group or stage and cannot be completed.`);
      if (gate.state === 'Pending') {
        gate.state = 'Completed';
        gate.etag = newEtag();
        gate.systemData = { ...gate.systemData, lastModifiedAt: s.sim.nowIso(), lastModifiedBy: 'fleet-conductor', lastModifiedByType: 'Application' };
        s.sim.emitGate(fleet, name, 'Updated');
        s.sim.reconcile();
      }
      return s.lro.patch(ctx, () => renderGate(fleet, gate), gate.etag);
    },
  },
];

/** Azure-AsyncOperation and Location polling URLs (any api-version the client appends). */
export const operationRoutes: ArmRoute[] = [
  {
    method: 'GET', pattern: armPath(`${SUB_PROVIDER}/locations/{location}/operationStatuses/{operationId}`), resourceType: 'locations/operationStatuses',
    versions: [],
    handle: (ctx, s) => s.lro.status(ctx, ctx.params.operationId ?? ''),
  },
  {
    method: 'GET', pattern: armPath(`${SUB_PROVIDER}/locations/{location}/operationResults/{operationId}`), resourceType: 'locations/operationResults',
    versions: [],
    handle: (ctx, s) => s.lro.result(ctx, ctx.params.operationId ?? ''),
  },
];
