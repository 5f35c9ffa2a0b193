import { fleetFeatures, type VersionFeatures } from '../arm/apiVersions';
import { ArmError } from '../arm/armError';
import type { Simulation } from '../sim/simulation';
import { compareVersions, minorOf } from '../sim/versions';
import type { AutoUpgradeProfileResource, FleetState, RunState } from '../sim/worldTypes';
import { childId } from './resourceIds';
import { buildRun } from './runFactory';

/** The region whose catalogue drives auto-upgrade: the fleet's own location, else its first member's. */
function catalogRegion(sim: Simulation, fleet: FleetState): string | undefined {
  if (sim.regions.has(fleet.location)) return fleet.location;
  const first = [...fleet.members.values()][0];
  return first ? sim.cluster(first.clusterResourceId)?.location : undefined;
}

/** Channel → target: Rapid = newest patch of newest GA minor, Stable = of minor N-1, TargetKubernetesVersion = of the given minor. */
export function channelTarget(sim: Simulation, fleet: FleetState, profile: AutoUpgradeProfileResource): string | undefined {
  const region = catalogRegion(sim, fleet);
  const catalog = region ? sim.regions.get(region) : undefined;
  if (!catalog) return undefined;
  const ga = [...catalog.kubernetes].filter(([, i]) => !i.isPreview).map(([v]) => v).sort(compareVersions);
  const minors = [...new Set(ga.map(minorOf))].sort(compareVersions);
  const channel = profile.properties.channel;
  const minor =
    channel === 'Rapid' ? minors.at(-1) : channel === 'Stable' ? minors.at(-2) : channel === 'TargetKubernetesVersion' ? profile.properties.targetKubernetesVersion : undefined;
  return minor ? ga.filter((v) => minorOf(v) === minor).at(-1) : undefined;
}

const runName = (profile: AutoUpgradeProfileResource, target: string, nodeImage: boolean): string =>
  `${profile.name}-${nodeImage ? 'nodeimage-' : ''}${target.replace(/\./g, '-')}`.slice(0, 50).replace(/-+$/, '');

/** No member's cluster is below the target: a run would only skip them. */
function allAtTarget(sim: Simulation, fleet: FleetState, target: string, nodeImage: boolean): boolean {
  const clusters = [...fleet.members.values()].map((m) => sim.cluster(m.clusterResourceId));
  return clusters.length > 0 && clusters.every((c) => c !== undefined && (nodeImage ? c.agentPools.every((p) => p.nodeImageVersion.endsWith(target)) : compareVersions(c.kubernetesVersion, target) >= 0));
}

/**
 * generateUpdateRun: a NotStarted run named from the profile and the target (open question 7, our choice:
 * `{profile}-{version with dashes}`), also for disabled profiles, returning the existing run unchanged when it already exists.
 * From 2026-06-02-preview the spec answers 204 "No update run was generated." (docs/azure-apis.md §7); it does not say
 * when, so the emulator answers it (undefined here) when no version matches the channel or no member is below
 * the target. Earlier api-versions keep the 400 below (no source settles what they answered; the harsher reading).
 */
export function generateUpdateRun(sim: Simulation, fleet: FleetState, profile: AutoUpgradeProfileResource, features: VersionFeatures = fleetFeatures('2026-03-02-preview')): RunState | undefined {
  // `disabled` stops Fleet from triggering runs by itself; an explicit generateUpdateRun still works.
  const nodeImage = profile.properties.channel === 'NodeImage';
  const region = catalogRegion(sim, fleet);
  const target = nodeImage ? (region ? sim.regionNodeImage(region) : undefined) : channelTarget(sim, fleet, profile);
  if (features.generateNoContent && (!target || (!fleet.runs.has(runName(profile, target, nodeImage)) && allAtTarget(sim, fleet, target, nodeImage)))) {
    profile.lastTrigger = { at: sim.nowIso(), status: 'Succeeded', versions: target ? [target] : [] };
    return undefined;
  }
  if (!target) {
    profile.lastTrigger = { at: sim.nowIso(), status: 'Failed', versions: [], error: { code: 'NoUpgradeAvailable', message: `No version matches channel ${profile.properties.channel}.` } };
    throw new ArmError(400, 'NoUpgradeAvailable', `No Kubernetes version matches channel '${profile.properties.channel}' for fleet '${fleet.name}'.`);
  }
  const name = runName(profile, target, nodeImage);
  profile.lastTrigger = { at: sim.nowIso(), status: 'Succeeded', versions: [target] };
  const existing = fleet.runs.get(name);
  if (existing) return existing;
  const run = buildRun(
    sim,
    fleet,
    name,
    {
      properties: {
        ...(profile.properties.updateStrategyId ? { updateStrategyId: profile.properties.updateStrategyId } : {}),
        managedClusterUpdate: {
          upgrade: nodeImage ? { type: 'NodeImageOnly' } : { type: 'Full', kubernetesVersion: target },
          nodeImageSelection: nodeImage ? { type: 'Consistent' } : profile.properties.nodeImageSelection ?? { type: 'Latest' },
        },
      },
      autoUpgradeProfileId: childId(fleet, 'autoUpgradeProfiles', profile.name),
    },
    fleetFeatures('2026-03-02-preview'),
  );
  fleet.runs.set(name, run);
  sim.registerRun(run);
  return run;
}
