import { FLEET_API_VERSIONS, fleetFeatures } from '../arm/apiVersions';
import { ArmError, notFound } from '../arm/armError';
import { objectField, requireObjectBody } from '../arm/armContext';
import { armPath, FLEET_BASE, SUB_PROVIDER, type ArmRoute } from '../arm/armRoute';
import { validateName } from '../arm/armNames';
import { checkPreconditions, newEtag } from '../arm/etag';
import { page } from '../arm/paging';
import { systemData } from '../sim/worldBuilder';
import type { MemberResource } from '../sim/worldTypes';
import { lookup, requireFleet, requireSubscription } from './fleetLookup';
import { renderFleet, renderMember } from './renderFleet';

const V = FLEET_API_VERSIONS;
const MEMBER = `${FLEET_BASE}/members/{memberName}`;

function labelsOf(props: Record<string, unknown> | undefined, allowed: boolean): Record<string, string> | undefined {
  const labels = props?.labels;
  if (!allowed || labels === undefined || labels === null) return undefined;
  if (typeof labels !== 'object' || Array.isArray(labels) || Object.values(labels).some((v) => typeof v !== 'string'))
    throw new ArmError(400, 'InvalidRequestContent', 'properties.labels must be a map of strings.');
  return labels as Record<string, string>;
}

function groupOf(props: Record<string, unknown> | undefined): string | undefined {
  const group = props?.group;
  if (group === undefined || group === null) return undefined;
  if (typeof group !== 'string') throw new ArmError(400, 'InvalidRequestContent', 'properties.group must be a string.');
  validateName('group', group);
  return group;
}

export const fleetRoutes: ArmRoute[] = [
  {
    method: 'GET', pattern: armPath(`${SUB_PROVIDER}/fleets`), resourceType: 'fleets', versions: V,
    handle: (ctx, s) => {
      requireSubscription(ctx, s);
      return { status: 200, body: page(ctx, [...s.sim.fleets.values()].map(renderFleet), s.pageSize) };
    },
  },
  {
    method: 'GET', pattern: armPath('/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.ContainerService/fleets'),
    resourceType: 'fleets', versions: V,
    handle: (ctx, s) => {
      requireSubscription(ctx, s);
      const rg = (ctx.params.resourceGroup ?? '').toLowerCase();
      const fleets = [...s.sim.fleets.values()].filter((f) => f.resourceGroup.toLowerCase() === rg);
      return { status: 200, body: page(ctx, fleets.map(renderFleet), s.pageSize) };
    },
  },
  {
    method: 'GET', pattern: armPath(FLEET_BASE), resourceType: 'fleets', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      return { status: 200, headers: { etag: fleet.etag }, body: renderFleet(fleet) };
    },
  },
  {
    method: 'GET', pattern: armPath(`${FLEET_BASE}/members`), resourceType: 'fleets/members', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const f = fleetFeatures(ctx.apiVersion);
      return { status: 200, body: page(ctx, [...fleet.members.values()].map((m) => renderMember(fleet, m, f)), s.pageSize) };
    },
  },
  {
    method: 'GET', pattern: armPath(MEMBER), resourceType: 'fleets/members', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const member = lookup(fleet.members, ctx.params.memberName ?? '');
      if (!member) throw notFound('Microsoft.ContainerService/fleets/members', ctx.params.memberName ?? '', fleet.resourceGroup);
      return { status: 200, headers: { etag: member.etag }, body: renderMember(fleet, member, fleetFeatures(ctx.apiVersion)) };
    },
  },
  {
    method: 'PUT', pattern: armPath(MEMBER), resourceType: 'fleets/members', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const name = ctx.params.memberName ?? '';
      validateName('fleet member', name);
      const existing = fleet.members.get(name);
      checkPreconditions(ctx.request, existing?.etag);
      const props = objectField(requireObjectBody(ctx), 'properties');
      const clusterResourceId = props?.clusterResourceId;
      if (typeof clusterResourceId !== 'string' || !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+$/i.test(clusterResourceId))
        throw new ArmError(400, 'InvalidRequestContent', 'properties.clusterResourceId must be the ARM id of a managed cluster.');
      if (existing && existing.clusterResourceId.toLowerCase() !== clusterResourceId.toLowerCase())
        throw new ArmError(400, 'InvalidRequestContent', 'properties.clusterResourceId cannot be changed after the member is created.');
      const f = fleetFeatures(ctx.apiVersion);
      const group = groupOf(props);
      const labels = labelsOf(props, f.labels);
      const member: MemberResource = {
        name,
        clusterResourceId,
        ...(group ? { group } : {}),
        ...(labels ? { labels } : existing?.labels && !f.labels ? { labels: existing.labels } : {}),
        etag: newEtag(),
        systemData: existing ? { ...existing.systemData, lastModifiedAt: s.sim.nowIso() } : systemData(s.sim.nowIso()),
      };
      fleet.members.set(name, member);
      return s.lro.put(ctx, !existing, renderMember(fleet, member, f), member.etag);
    },
  },
  {
    method: 'PATCH', pattern: armPath(MEMBER), resourceType: 'fleets/members', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const member = lookup(fleet.members, ctx.params.memberName ?? '');
      if (!member) throw notFound('Microsoft.ContainerService/fleets/members', ctx.params.memberName ?? '', fleet.resourceGroup);
      checkPreconditions(ctx.request, member.etag);
      const props = objectField(requireObjectBody(ctx), 'properties');
      const f = fleetFeatures(ctx.apiVersion);
      if (props && 'group' in props) {
        const group = groupOf(props);
        if (group) member.group = group;
        else delete member.group;
      }
      const labels = labelsOf(props, f.labels);
      if (labels) member.labels = labels;
      member.etag = newEtag();
      member.systemData.lastModifiedAt = s.sim.nowIso();
      return s.lro.patch(ctx, () => renderMember(fleet, member, f), member.etag);
    },
  },
  {
    method: 'DELETE', pattern: armPath(MEMBER), resourceType: 'fleets/members', versions: V,
    handle: (ctx, s) => {
      const fleet = requireFleet(ctx, s);
      const member = lookup(fleet.members, ctx.params.memberName ?? '');
      if (!member) return { status: 204 };
      checkPreconditions(ctx.request, member.etag);
      fleet.members.delete(member.name);
      return s.lro.delete(ctx);
    },
  },
];
