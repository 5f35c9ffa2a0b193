import { FLEET_API_VERSIONS, fleetFeatures } from '../arm/apiVersions';
import { ArmError, notFound } from '../arm/armError';
import { objectField, requireObjectBody, type ArmContext } from '../arm/armContext';
import { armPath, FLEET_BASE, type ArmRoute, type ArmServices } from '../arm/armRoute';
import { validateName } from '../arm/armNames';
import { checkPreconditions, newEtag } from '../arm/etag';
import { page } from '../arm/paging';
import { systemData } from '../sim/worldBuilder';
import type { AutoUpgradeProfileResource, FleetState } from '../sim/worldTypes';
import { generateUpdateRun } from './generateUpdateRun';
import { lookup, requireFleet } from './fleetLookup';
import { renderProfile } from './renderFleet';
import { childId } from './resourceIds';

const V = FLEET_API_VERSIONS;
const PROFILE = `${FLEET_BASE}/autoUpgradeProfiles/{profileName}`;
const TYPE = 'Microsoft.ContainerService/fleets/autoUpgradeProfiles';
const invalid = (m: string): never => {
  throw new ArmError(400, 'InvalidRequestContent', m);
};

function requireProfile(ctx: ArmContext, s: ArmServices): { fleet: FleetState; profile: AutoUpgradeProfileResource } {
  const fleet = requireFleet(ctx, s);
  const profile = lookup(fleet.profiles, ctx.params.profileName ?? '');
  if (!profile) throw notFound(TYPE, ctx.params.profileName ?? '', fleet.resourceGroup);
  return { fleet, profile };
}

function parseProfile(raw: Record<string, unknown> | undefined, gateAware: boolean, existing?: AutoUpgradeProfileResource): AutoUpgradeProfileResource['properties'] {
  if (!raw) return invalid("The request body must contain 'properties'.");
  const channels = ['Stable', 'Rapid', 'NodeImage', ...(gateAware ? ['TargetKubernetesVersion'] : [])];
  const channel = raw.channel;
  if (typeof channel !== 'string' || !channels.includes(channel)) return invalid(`properties.channel must be one of ${channels.join(', ')}.`);
  const target = gateAware ? raw.targetKubernetesVersion : undefined;
  if (channel === 'TargetKubernetesVersion' && (typeof target !== 'string' || !/^\d+\.\d+$/.test(target)))
    return invalid('targetKubernetesVersion ("{major}.{minor}") is required when channel is TargetKubernetesVersion.');
  if (channel !== 'TargetKubernetesVersion' && target !== undefined && target !== null) return invalid('targetKubernetesVersion is only allowed with channel TargetKubernetesVersion.');
  const strategyId = raw.updateStrategyId;
  if (strategyId !== undefined && strategyId !== null && typeof strategyId !== 'string') return invalid('updateStrategyId must be a string.');
  if (existing && (existing.properties.updateStrategyId ?? null) !== (strategyId ?? null)) return invalid('updateStrategyId cannot be changed after creation.');
  const selection = (raw.nodeImageSelection as { type?: unknown } | undefined)?.type;
  if (selection !== undefined && selection !== 'Latest' && selection !== 'Consistent') return invalid('nodeImageSelection.type must be Latest or Consistent.');
  if (raw.disabled !== undefined && typeof raw.disabled !== 'boolean') return invalid('disabled must be a boolean.');
  return {
    channel,
    ...(typeof strategyId === 'string' ? { updateStrategyId: strategyId } : {}),
    ...(typeof selection === 'string' ? { nodeImageSelection: { type: selection } } : {}),
    ...(typeof raw.disabled === 'boolean' ? { disabled: raw.disabled } : {}),
    ...(typeof target === 'string' ? { targetKubernetesVersion: target } : {}),
    ...(gateAware && typeof raw.longTermSupport === 'boolean' ? { longTermSupport: raw.longTermSupport } : {}),
  };
}

export const profileRoutes: ArmRoute[] = [
  {
    method: 'GET', pattern: armPath(`${FLEET_BASE}/autoUpgradeProfiles`), resourceType: 'fleets/autoUpgradeProfiles', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const f = fleetFeatures(ctx.apiVersion);
      return { status: 200, body: page(ctx, [...fleet.profiles.values()].map((p) => renderProfile(fleet, p, f)), s.pageSize) };
    },
  },
  {
    method: 'GET', pattern: armPath(PROFILE), resourceType: 'fleets/autoUpgradeProfiles', versions: V,
    handle: (ctx, s) => {
      const { fleet, profile } = requireProfile(ctx, s);
      return { status: 200, headers: { etag: profile.etag }, body: renderProfile(fleet, profile, fleetFeatures(ctx.apiVersion)) };
    },
  },
  {
    method: 'PUT', pattern: armPath(PROFILE), resourceType: 'fleets/autoUpgradeProfiles', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const name = ctx.params.profileName ?? '';
      validateName('auto upgrade profile', name);
      const existing = fleet.profiles.get(name);
      checkPreconditions(ctx.request, existing?.etag);
      const f = fleetFeatures(ctx.apiVersion);
      const properties = parseProfile(objectField(requireObjectBody(ctx), 'properties'), f.gates, existing);
      const profile: AutoUpgradeProfileResource = {
        name,
        properties,
        ...(existing?.lastTrigger ? { lastTrigger: existing.lastTrigger } : {}),
        etag: newEtag(),
        systemData: existing ? { ...existing.systemData, lastModifiedAt: s.sim.nowIso() } : systemData(s.sim.nowIso()),
      };
      fleet.profiles.set(name, profile);
      return s.lro.put(ctx, !existing, renderProfile(fleet, profile, f), profile.etag);
    },
  },
  {
    method: 'DELETE', pattern: armPath(PROFILE), resourceType: 'fleets/autoUpgradeProfiles', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const profile = lookup(fleet.profiles, ctx.params.profileName ?? '');
      if (!profile) return { status: 204 };
      checkPreconditions(ctx.request, profile.etag);
      fleet.profiles.delete(profile.name);
      return s.lro.delete(ctx);
    },
  },
  {
    method: 'POST', pattern: armPath(`${PROFILE}/generateUpdateRun`), resourceType: 'fleets/autoUpgradeProfiles', versions: V,
    handle: (ctx, s) => {
      const { fleet, profile } = requireProfile(ctx, s);
      const run = generateUpdateRun(s.sim, fleet, profile, fleetFeatures(ctx.apiVersion));
      if (!run) return { status: 204 };
      return s.lro.generate(ctx, { id: childId(fleet, 'updateRuns', run.name) });
    },
  },
];
