import type { ReleaseSource, ReleaseStore } from '../../ports';
import type { RunSnapshot } from '../../domain/history/runSnapshot';

/** `/subscriptions/{id}/…` → id. */
const subscriptionOf = (resourceId: string): string | undefined => /^\/subscriptions\/([^/]+)/i.exec(resourceId)?.[1];

/**
 * When a completed run's release was first seen, read from the stores rather than from this process's memory: on
 * Flex Consumption the release poll and the reconcile timer scale separately (per-function scaling), so the instance
 * that sees a run complete has often never evaluated a release. The regions are those of the run's member clusters
 * (one cluster list per subscription involved); the answer is the earliest first sighting of the target there.
 */
export function firstSeenOfRun(source: ReleaseSource, releases: ReleaseStore): (run: RunSnapshot) => Promise<string | undefined> {
  return async (run) => {
    if (!run.target) return undefined;
    const members = new Set(run.stages.flatMap((s) => s.groups.flatMap((g) => g.members.map((m) => m.clusterResourceId?.toLowerCase()))).filter((id): id is string => id !== undefined));
    const subscriptions = [...new Set([...members].map(subscriptionOf).filter((s): s is string => s !== undefined))];
    const clusters = (await Promise.all(subscriptions.map((s) => source.listManagedClusters(s)))).flat();
    const regions = [...new Set(clusters.filter((c) => members.has(c.resourceId.toLowerCase())).map((c) => c.location))];
    const seen = (await releases.listFirstSeen(regions)).filter((f) => f.version === run.target?.version).map((f) => f.firstSeenAt).sort();
    return seen[0];
  };
}
