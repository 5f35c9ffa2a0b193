import type { Simulation } from '../sim/simulation';
import { compareVersions } from '../sim/versions';

/** `GET /_emulator/state`: a compact view of the simulated world for tests and the demo. */
export function stateSnapshot(sim: Simulation): Record<string, unknown> {
  return {
    scenario: sim.scenario.name,
    subscriptionId: sim.scenario.subscriptionId,
    clock: { now: sim.nowIso(), nowMs: sim.nowMs(), speed: sim.clock.speed },
    regions: Object.fromEntries(
      [...sim.regions].map(([name, r]) => [name, { kubernetesVersions: [...r.kubernetes.keys()].sort(compareVersions), nodeImage: r.nodeImage ?? null }]),
    ),
    clusters: [...sim.clusters.values()].map((c) => ({
      name: c.name,
      resourceId: c.resourceId,
      location: c.location,
      kubernetesVersion: c.kubernetesVersion,
      nodeImageVersion: c.agentPools[0]?.nodeImageVersion ?? null,
      upgrading: c.upgrading ? { run: c.upgrading.runKey, member: c.upgrading.memberName, endsAt: new Date(c.upgrading.endsAtMs).toISOString() } : null,
      health: c.health,
      workspaceId: c.workspaceId ?? null,
    })),
    fleets: [...sim.fleets.values()].map((f) => ({
      name: f.name,
      resourceGroup: f.resourceGroup,
      id: `/subscriptions/${f.subscriptionId}/resourceGroups/${f.resourceGroup}/providers/Microsoft.ContainerService/fleets/${f.name}`,
      workspaceId: f.workspaceId ?? null,
      members: [...f.members.values()].map((m) => ({ name: m.name, group: m.group ?? null, clusterResourceId: m.clusterResourceId })),
      strategies: [...f.strategies.keys()],
      autoUpgradeProfiles: [...f.profiles.keys()],
      runs: [...f.runs.values()].map((r) => ({
        name: r.name,
        state: r.status.state,
        stages: r.stages.map((s) => ({ name: s.name, state: s.status.state, groups: s.groups.map((g) => ({ name: g.name, state: g.status.state })) })),
      })),
      gates: [...f.gates.values()].map((g) => ({ name: g.name, displayName: g.displayName ?? null, state: g.state, target: g.target })),
    })),
  };
}
