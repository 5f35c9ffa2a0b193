import type { FleetConfig } from '../../domain/config/conductorConfig';
import { regionKey, type ActiveRun, type FirstSeen, type MemberFacts, type RegionalAvailability } from '../../domain/versions/fleetFacts';
import type { ManagedClusterFacts } from '../../ports';
import type { ReleaseDeps } from './releaseDeps';
import { reportUnavailableCatalogues, type UnavailableCatalogue } from './reportUnavailableCatalogues';
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
  /** Regional catalogues the policy does not decide on that could not be read (already reported). */
  readonly unavailable: readonly UnavailableCatalogue[];
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
 *
 * The two regional catalogues are read independently: node-image discovery runs on an AKS preview api-version that
 * retires on its own schedule, and its failure must not stop Kubernetes-version releases (nor the reverse). The
 * catalogue the fleet's channel decides on must be read in every member region, or the evaluation fails with that
 * error (the caller alerts on it) — never "nothing available". A failure of the other catalogue is reported here
 * (a warning, and the api-version alert when Azure refused the version) when `record` is set, and left out.
 */
export async function gatherFleetFacts(
  // An evaluation (record: true) reports through outbox and log; the read-only plan view has neither.
  deps: Pick<ReleaseDeps, 'source' | 'releases' | 'runs' | 'clock' | 'history'> & Partial<Pick<ReleaseDeps, 'outbox' | 'log'>>,
  fleet: FleetConfig,
  options: { readonly record: boolean; readonly liveRuns?: boolean } = { record: true },
): Promise<FleetFacts> {
  const { members: facts, unknownMembers } = await readFleetMembers(deps, fleet);
  const regions = [...new Set(facts.map((f) => regionKey(f.region)))].sort();
  const perRegion = await Promise.all(
    regions.map(async (region) => {
      const [kubernetesVersions, nodeImageVersions] = await Promise.allSettled([
        deps.source.listKubernetesVersions(fleet.subscriptionId, region),
        deps.source.listNodeImageVersions(fleet.subscriptionId, region),
      ]);
      return { region, kubernetesVersions, nodeImageVersions };
    }),
  );
  const decidesOn: Catalogue = fleet.release?.policy.channel === 'nodeimage' ? 'nodeImageVersions' : 'kubernetesVersions';
  const unavailable: UnavailableCatalogue[] = perRegion.flatMap((r) =>
    (['kubernetesVersions', 'nodeImageVersions'] as const).flatMap((catalogue) => {
      const read = r[catalogue];
      return read.status === 'rejected' ? [{ catalogue, region: r.region, error: read.reason as unknown }] : [];
    }),
  );
  const fatal = unavailable.find((u) => u.catalogue === decidesOn);
  const availability: RegionalAvailability = Object.fromEntries(
    perRegion.map((r) => [
      r.region,
      {
        kubernetesVersions: r.kubernetesVersions.status === 'fulfilled' ? r.kubernetesVersions.value : [],
        ...(r.nodeImageVersions.status === 'fulfilled' ? { nodeImageVersions: r.nodeImageVersions.value } : {}),
      },
    ]),
  );
  const now = deps.clock.nowIso();
  const seen: FirstSeen[] = perRegion.flatMap((r) => [
    ...(r.kubernetesVersions.status === 'fulfilled' ? r.kubernetesVersions.value : []).flatMap((minor) => minor.patchVersions.map((version) => ({ region: r.region, version, firstSeenAt: now }))),
    ...(r.nodeImageVersions.status === 'fulfilled' ? r.nodeImageVersions.value : []).map((version) => ({ region: r.region, version, firstSeenAt: now })),
  ]);
  // What was read is still first-seen, whatever failed: soak times start when a version was first published to us.
  if (options.record) await deps.releases.recordFirstSeen(seen);
  const others = unavailable.filter((u) => u.catalogue !== decidesOn);
  if (options.record && deps.outbox && deps.log) await reportUnavailableCatalogues({ outbox: deps.outbox, log: deps.log, clock: deps.clock }, fleet, others);
  if (fatal) throw fatal.error;
  const firstSeen = await deps.releases.listFirstSeen(regions);
  const fromHistory = deps.history !== undefined && options.liveRuns !== true;
  const active = fromHistory ? await activeFromHistory(deps.history, fleet) : (await deps.runs.listActiveRuns(fleet.fleetId))[0];
  // A run whose target cannot be read still blocks a second run: one active run per fleet.
  const activeRun: ActiveRun | undefined = active ? { name: active.name, target: active.target ?? { kind: 'kubernetes', version: 'unknown' } } : undefined;
  return { members: facts, availability, firstSeen, activeRun, unknownMembers, activeRunFrom: fromHistory ? 'history' : 'fleet', unavailable: others };
}

type Catalogue = UnavailableCatalogue['catalogue'];

/** The first unfinished run history knows (table reads only; the reconcile tick keeps the index current). */
async function activeFromHistory(history: NonNullable<ReleaseDeps['history']>, fleet: FleetConfig): Promise<{ name: string; target: ActiveRun['target'] | undefined } | undefined> {
  const [name] = await history.listActiveRunNames(fleet.name);
  if (name === undefined) return undefined;
  const snapshot = await history.getRun(fleet.name, name);
  return { name, target: snapshot?.target };
}
