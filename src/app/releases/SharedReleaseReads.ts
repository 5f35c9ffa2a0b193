import { regionKey, type MinorAvailability } from '../../domain/versions/fleetFacts';
import { ApiVersionUnsupportedError, type Clock, type FleetMemberRef, type ManagedClusterFacts, type ReleaseSource } from '../../ports';

export interface SharedReadOptions {
  /** How long subscription-wide and regional reads are shared between fleet evaluations (the coalescing window). */
  readonly windowSeconds?: number;
  /** How long a fleet's member list is reused (membership changes rarely; a run reads members itself). */
  readonly membersSeconds?: number;
}

export const DEFAULT_WINDOW_SECONDS = 60;
const DEFAULT_MEMBERS_SECONDS = 30 * 60;

interface Entry<T> {
  readonly until: number;
  readonly value: Promise<T>;
}

/**
 * A ReleaseSource that shares reads across fleets: one cluster list per subscription and one version catalogue per
 * region within the window, however many fleets (or AKS events) ask; member lists for longer. Concurrent askers
 * share the one request in flight; a failed read is not kept, except an api-version Azure refused (that answer holds
 * until the setting changes, so re-asking within the window would only spend the read budget). This is what keeps a release poll at
 * O(subscriptions + regions) ARM reads instead of O(fleets × …), well under ARM's per-subscription read budget.
 * Regional catalogues are read once per region whichever subscription asks: they are the region's, not the
 * subscription's (docs/azure-apis.md §4).
 */
export class SharedReleaseReads implements ReleaseSource {
  private readonly cache = new Map<string, Entry<unknown>>();
  private readonly windowMs: number;
  private readonly membersMs: number;

  constructor(
    private readonly source: ReleaseSource,
    private readonly clock: Clock,
    options: SharedReadOptions = {},
  ) {
    this.windowMs = (options.windowSeconds ?? DEFAULT_WINDOW_SECONDS) * 1000;
    this.membersMs = (options.membersSeconds ?? DEFAULT_MEMBERS_SECONDS) * 1000;
  }

  private shared<T>(key: string, ttlMs: number, read: () => Promise<T>): Promise<T> {
    const now = Date.parse(this.clock.nowIso());
    const hit = this.cache.get(key) as Entry<T> | undefined;
    if (hit && hit.until > now) return hit.value;
    const value = read();
    this.cache.set(key, { until: now + ttlMs, value });
    value.catch((error: unknown) => {
      if (error instanceof ApiVersionUnsupportedError) return;
      if (this.cache.get(key)?.value === value) this.cache.delete(key);
    });
    return value;
  }

  /** Forgets everything (a run is about to be created: it is decided on fresh reads). */
  forget(): void {
    this.cache.clear();
  }

  listMembers(fleetId: string): Promise<readonly FleetMemberRef[]> {
    return this.shared(`members|${fleetId.toLowerCase()}`, this.membersMs, () => this.source.listMembers(fleetId));
  }

  listManagedClusters(subscriptionId: string): Promise<readonly ManagedClusterFacts[]> {
    return this.shared(`clusters|${subscriptionId.toLowerCase()}`, this.windowMs, () => this.source.listManagedClusters(subscriptionId));
  }

  listKubernetesVersions(subscriptionId: string, region: string): Promise<readonly MinorAvailability[]> {
    return this.shared(`k8s|${regionKey(region)}`, this.windowMs, () => this.source.listKubernetesVersions(subscriptionId, region));
  }

  listNodeImageVersions(subscriptionId: string, region: string): Promise<readonly string[]> {
    return this.shared(`images|${regionKey(region)}`, this.windowMs, () => this.source.listNodeImageVersions(subscriptionId, region));
  }
}
