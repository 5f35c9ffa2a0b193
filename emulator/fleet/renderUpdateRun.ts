import type { VersionFeatures } from '../arm/apiVersions';
import type { FleetState, GateRt, GroupRt, RunState, StageRt, UpdateStatus } from '../sim/worldTypes';
import { renderStrategy } from './renderFleet';
import { FLEETS_TYPE, childId } from './resourceIds';
import { parseConcurrency } from '../sim/versions';

const status = (s: UpdateStatus): Record<string, unknown> => ({
  state: s.state,
  ...(s.startTime ? { startTime: s.startTime } : {}),
  ...(s.completedTime ? { completedTime: s.completedTime } : {}),
  ...(s.error ? { error: s.error } : {}),
});

const gates = (fleet: FleetState, list: GateRt[]): Record<string, unknown>[] =>
  list.map((g) => ({
    ...(g.displayName !== undefined ? { displayName: g.displayName } : {}),
    ...(g.gateName ? { gateId: childId(fleet, 'gates', g.gateName) } : {}),
    status: status(g.status),
  }));

function group(fleet: FleetState, g: GroupRt, f: VersionFeatures): Record<string, unknown> {
  return {
    status: status(g.status),
    name: g.name,
    ...(f.maxConcurrency ? { maxConcurrency: parseConcurrency(g.maxConcurrency, g.members.length, 1) } : {}),
    members: g.members.map((m) => ({
      status: status(m.status),
      name: m.name,
      clusterResourceId: m.clusterResourceId,
      ...(m.operationId ? { operationId: m.operationId } : {}),
      ...(m.message ? { message: m.message } : {}),
    })),
    ...(f.gates ? { beforeGates: gates(fleet, g.beforeGates), afterGates: gates(fleet, g.afterGates) } : {}),
  };
}

function stage(fleet: FleetState, s: StageRt, f: VersionFeatures): Record<string, unknown> {
  return {
    status: status(s.status),
    name: s.name,
    ...(f.maxConcurrency ? { maxConcurrency: parseConcurrency(s.maxConcurrency, s.groups.reduce((n, g) => n + g.members.length, 0), 50) } : {}),
    groups: s.groups.map((g) => group(fleet, g, f)),
    ...(f.gates ? { beforeGates: gates(fleet, s.beforeGates), afterGates: gates(fleet, s.afterGates) } : {}),
    ...(s.wait ? { afterStageWaitStatus: { status: status(s.wait.status), waitDurationInSeconds: s.afterStageWaitInSeconds ?? 0 } } : {}),
  };
}

/** UpdateRun JSON with the full status tree (docs/azure-apis.md §2.2). */
export function renderUpdateRun(fleet: FleetState, run: RunState, f: VersionFeatures): Record<string, unknown> {
  return {
    id: childId(fleet, 'updateRuns', run.name),
    name: run.name,
    type: `${FLEETS_TYPE}/updateRuns`,
    systemData: run.systemData,
    eTag: run.etag,
    properties: {
      provisioningState: 'Succeeded',
      ...(run.updateStrategyId ? { updateStrategyId: run.updateStrategyId } : {}),
      ...(run.autoUpgradeProfileId ? { autoUpgradeProfileId: run.autoUpgradeProfileId } : {}),
      ...(run.strategy ? { strategy: renderStrategy(run.strategy, f) } : {}),
      managedClusterUpdate: run.managedClusterUpdate,
      status: {
        status: status(run.status),
        stages: run.stages.map((s) => stage(fleet, s, f)),
        ...(run.selectedNodeImageVersions
          ? { nodeImageSelection: { selectedNodeImageVersions: run.selectedNodeImageVersions.map((v) => ({ version: v })) } }
          : {}),
      },
    },
  };
}
