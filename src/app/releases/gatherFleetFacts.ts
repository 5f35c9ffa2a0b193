import type { FleetConfig } from '../../domain/config/conductorConfig';
import { regionKey, type ActiveRun, type FirstSeen, type MemberFacts, type RegionalAvailability } from '../../domain/versions/fleetFacts';
import type { ManagedClusterFacts } from '../../ports';
import type { ReleaseDeps } from './releaseDeps';
import { toMemberFacts } from './toMemberFacts';

export interface FleetFacts {
  readonly members: readonly MemberFacts[];
  readonly availability: RegionalAvailability;
  readonly firstSeen: readonly FirstSeen[];
  readonly activeRun: ActiveRun | undefined;
  /** Members whose cluster AKS did not list (deleted, or in a subscription Conductor cannot read). */
  readonly unknownMembers: readonly string[];
  /** Where the active run came from: run history's index (may lag a tick) or Fleet's own run list. */
  readonly activeRunFrom: 'history' | 'fleet';
}

// Cluster lists are shared across fleets (the same array within a window): index each once, not once per fleet.
const indexes = new WeakMap<readonly ManagedClusterFacts[], Map<string, ManagedClusterFacts>>();
function indexOf(list: readonly ManagedClusterFacts[]): Map<string, ManagedClusterFacts> {
  let index = indexes.get(list);
  if (!index) indexes.set(list, (index = new Map(list.map((c) => [c.resourceId.toLowerCase(), c]))));
  return index;
}

const subscriptionOf = (resourceId: string): string | undefined => /^\/subscriptions\/([^/]+)\//i.exec(resourceId)?.[1];

/** The fleet's members joined with what AKS says about their clusters: one member list, ONE cluster list per subscription. */
export async function readFleetMembers(deps: Pick<ReleaseDeps, 'source'>, fleet: FleetConfig): Promise<{ members: MemberFacts[]; unknownMembers: string[] }> {
  const members = await deps.source.listMembers(fleet.fleetId);
  const subscriptions = [...new Set(members.map((m) => subscriptionOf(m.clusterResourceId)).filter((s): s is string => s !== undefined))];
  const lists = (await Promise.all(subscriptions.map((s) => deps.source.listManagedClusters(s)))).map(indexOf);
  const clusters = { get: (id: string): ManagedClusterFacts | undefined => lists.map((l) => l.get(id)).find((c) => c !== undefined) };
  const facts: MemberFacts[] = [];
  const unknownMembers: string[] = [];
  for (const m of members) {
    const c = clusters.get(m.clusterResourceId.toLowerCase());
    if (!c) {
      unknownMembers.push(m.name);
      continue;
    }
    facts.push(toMemberFacts(m, c));
  }
  return { members: facts, unknownMembers };
}

/**
 * Everything the version policy needs about a fleet, read with as few calls as the APIs allow: the members
 * (readFleetMembers), versions and node images once per distinct region, and the fleet's active runs. Versions seen
 * for the first time are recorded now, per region — unless `record` is false (a dry run changes nothing).
 */
export async function gatherFleetFacts(
  deps: Pick<ReleaseDeps, 'source' | 'releases' | 'runs' | 'clock' | 'history'>,
  fleet: FleetConfig,
  options: { readonly record: boolean; readonly liveRuns?: boolean } = { record: true },
): Promise<FleetFacts> {
  const { members: facts, unknownMembers } = await readFleetMembers(deps, fleet);
  const regions = [...new Set(facts.map((f) => regionKey(f.region)))].sort();
  const perRegion = await Promise.all(
    regions.map(async (region) => {
      const [kubernetesVersions, nodeImageVersions] = await Promise.all([
        deps.source.listKubernetesVersions(fleet.subscriptionId, region),
        deps.source.listNodeImageVersions(fleet.subscriptionId, region),
      ]);
      return [region, { kubernetesVersions, nodeImageVersions }] as const;
    }),
  );
  const availability: RegionalAvailability = Object.fromEntries(perRegion);
  const now = deps.clock.nowIso();
  const seen: FirstSeen[] = perRegion.flatMap(([region, a]) => [
    ...a.kubernetesVersions.flatMap((minor) => minor.patchVersions.map((version) => ({ region, version, firstSeenAt: now }))),
    ...a.nodeImageVersions.map((version) => ({ region, version, firstSeenAt: now })),
  ]);
  if (options.record) await deps.releases.recordFirstSeen(seen);
  const firstSeen = await deps.releases.listFirstSeen(regions);
  const fromHistory = deps.history !== undefined && options.liveRuns !== true;
  const active = fromHistory ? await activeFromHistory(deps.history, fleet) : (await deps.runs.listActiveRuns(fleet.fleetId))[0];
  // A run whose target cannot be read still blocks a second run: one active run per fleet.
  const activeRun: ActiveRun | undefined = active ? { name: active.name, target: active.target ?? { kind: 'kubernetes', version: 'unknown' } } : undefined;
  return { members: facts, availability, firstSeen, activeRun, unknownMembers, activeRunFrom: fromHistory ? 'history' : 'fleet' };
}

/** The first unfinished run history knows (table reads only; the reconcile tick keeps the index current). */
async function activeFromHistory(history: NonNullable<ReleaseDeps['history']>, fleet: FleetConfig): Promise<{ name: string; target: ActiveRun['target'] | undefined } | undefined> {
  const [name] = await history.listActiveRunNames(fleet.name);
  if (name === undefined) return undefined;
  const snapshot = await history.getRun(fleet.name, name);
  return { name, target: snapshot?.target };
}
