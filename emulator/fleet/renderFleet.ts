import type { VersionFeatures } from '../arm/apiVersions';
import type {
  AutoUpgradeProfileResource,
  FleetState,
  GateConfig,
  GateResource,
  MemberResource,
  StrategyDef,
  StrategyResource,
} from '../sim/worldTypes';
import { FLEETS_TYPE, childId, fleetResourceId } from './resourceIds';

/** ARM JSON for fleet resources, shaped per api-version (preview-only fields are omitted for 2025-03-01). */

export function renderFleet(fleet: FleetState): Record<string, unknown> {
  return {
    id: fleetResourceId(fleet),
    name: fleet.name,
    type: FLEETS_TYPE,
    location: fleet.location,
    tags: fleet.tags,
    systemData: fleet.systemData,
    eTag: fleet.etag,
    properties: { provisioningState: 'Succeeded', status: { lastOperationId: 'scenario-load', lastOperationError: { code: 'None', message: 'No error' } } },
  };
}

export function renderMember(fleet: FleetState, m: MemberResource, f: VersionFeatures): Record<string, unknown> {
  return {
    id: childId(fleet, 'members', m.name),
    name: m.name,
    type: `${FLEETS_TYPE}/members`,
    systemData: m.systemData,
    eTag: m.etag,
    properties: {
      clusterResourceId: m.clusterResourceId,
      ...(m.group ? { group: m.group } : {}),
      ...(f.labels && m.labels ? { labels: m.labels } : {}),
      provisioningState: 'Succeeded',
      status: { lastOperationId: `join-${m.name}`, lastOperationError: { code: 'None', message: 'No error' } },
    },
  };
}

const gateList = (gates: GateConfig[] | undefined): GateConfig[] | undefined => gates?.map((g) => ({ ...g }));

export function renderStrategy(strategy: StrategyDef, f: VersionFeatures): Record<string, unknown> {
  return {
    stages: strategy.stages.map((s) => ({
      name: s.name,
      ...(f.maxConcurrency && s.maxConcurrency ? { maxConcurrency: s.maxConcurrency } : {}),
      groups: s.groups.map((g) => ({
        name: g.name,
        ...(f.maxConcurrency && g.maxConcurrency ? { maxConcurrency: g.maxConcurrency } : {}),
        ...(f.gates && g.beforeGates ? { beforeGates: gateList(g.beforeGates) } : {}),
        ...(f.gates && g.afterGates ? { afterGates: gateList(g.afterGates) } : {}),
      })),
      ...(f.gates && s.beforeGates ? { beforeGates: gateList(s.beforeGates) } : {}),
      ...(f.gates && s.afterGates ? { afterGates: gateList(s.afterGates) } : {}),
      ...(s.afterStageWaitInSeconds !== undefined ? { afterStageWaitInSeconds: s.afterStageWaitInSeconds } : {}),
    })),
  };
}

export function renderStrategyResource(fleet: FleetState, s: StrategyResource, f: VersionFeatures): Record<string, unknown> {
  return {
    id: childId(fleet, 'updateStrategies', s.name),
    name: s.name,
    type: `${FLEETS_TYPE}/updateStrategies`,
    systemData: s.systemData,
    eTag: s.etag,
    properties: { provisioningState: 'Succeeded', strategy: renderStrategy(s.strategy, f) },
  };
}

export function renderProfile(fleet: FleetState, p: AutoUpgradeProfileResource, f: VersionFeatures): Record<string, unknown> {
  const { targetKubernetesVersion, longTermSupport, ...stable } = p.properties;
  return {
    id: childId(fleet, 'autoUpgradeProfiles', p.name),
    name: p.name,
    type: `${FLEETS_TYPE}/autoUpgradeProfiles`,
    systemData: p.systemData,
    eTag: p.etag,
    properties: {
      provisioningState: 'Succeeded',
      ...stable,
      ...(f.gates && targetKubernetesVersion !== undefined ? { targetKubernetesVersion } : {}),
      ...(f.gates && longTermSupport !== undefined ? { longTermSupport } : {}),
      ...(p.lastTrigger
        ? {
            autoUpgradeProfileStatus: {
              lastTriggeredAt: p.lastTrigger.at,
              lastTriggerStatus: p.lastTrigger.status,
              ...(p.lastTrigger.error ? { lastTriggerError: p.lastTrigger.error } : {}),
              lastTriggerUpgradeVersions: p.lastTrigger.versions,
            },
          }
        : {}),
    },
  };
}

export function renderGate(fleet: FleetState, g: GateResource): Record<string, unknown> {
  return {
    id: childId(fleet, 'gates', g.name),
    name: g.name,
    type: `${FLEETS_TYPE}/gates`,
    systemData: g.systemData,
    eTag: g.etag,
    properties: {
      provisioningState: 'Succeeded',
      ...(g.displayName !== undefined ? { displayName: g.displayName } : {}),
      gateType: g.gateType,
      state: g.state,
      target: {
        id: childId(fleet, 'updateRuns', g.target.runName),
        updateRunProperties: {
          name: g.target.runName,
          stage: g.target.stage,
          ...(g.target.group ? { group: g.target.group } : {}),
          timing: g.target.timing,
        },
      },
    },
  };
}
