import { AKS_EVENT, aksEvent, type GridEvent } from '../events/gridEvent';
import { compareVersions, minorOf } from './versions';
import type { ClusterState, RegionCatalog } from './worldTypes';

interface ReleaseWorld {
  readonly clusters: ReadonlyMap<string, ClusterState>;
  readonly regions: ReadonlyMap<string, RegionCatalog>;
  nowIso(): string;
}

const highestPatch = (versions: string[], minor: string): string =>
  versions.filter((v) => minorOf(v) === minor).sort(compareVersions).at(-1) ?? '';

/**
 * The per-cluster AKS events a change in a region's version list causes: NewKubernetesVersionAvailable for
 * every cluster there, and ClusterSupportEnding/Ended (once per minor) when the N-2 support window moves past
 * the cluster's minor.
 */
export function releaseAvailabilityEvents(world: ReleaseWorld, region: string): GridEvent[] {
  const catalog = world.regions.get(region);
  if (!catalog) return [];
  const ga = [...catalog.kubernetes].filter(([, i]) => !i.isPreview).map(([v]) => v);
  const preview = [...catalog.kubernetes].filter(([, i]) => i.isPreview).map(([v]) => v).sort(compareVersions);
  const minors = [...new Set(ga.map(minorOf))].sort(compareVersions);
  const newest = minors.at(-1) ?? '';
  const supported = minors.slice(-3);
  const data = {
    latestSupportedKubernetesVersion: highestPatch(ga, newest),
    latestStableKubernetesVersion: highestPatch(ga, minors.at(-2) ?? newest),
    lowestMinorKubernetesVersion: highestPatch(ga, supported[0] ?? newest),
    latestPreviewKubernetesVersion: preview.at(-1) ?? '',
  };
  const events: GridEvent[] = [];
  for (const cluster of world.clusters.values()) {
    if (cluster.location !== region) continue;
    events.push(aksEvent(cluster, AKS_EVENT.newVersion, data, world.nowIso()));
    const minor = minorOf(cluster.kubernetesVersion);
    const lowest = supported[0];
    if (!lowest) continue;
    const notice = compareVersions(minor, lowest) < 0 ? 'Ended' : minor === lowest && supported.length === 3 ? 'Ending' : undefined;
    if (notice && !cluster.supportNotices.has(`${notice}:${minor}`)) {
      cluster.supportNotices.add(`${notice}:${minor}`);
      const type = notice === 'Ended' ? AKS_EVENT.supportEnded : AKS_EVENT.supportEnding;
      events.push(aksEvent(cluster, type, { kubernetesVersion: cluster.kubernetesVersion }, world.nowIso()));
    }
  }
  return events;
}
