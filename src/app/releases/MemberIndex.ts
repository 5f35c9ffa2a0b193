import type { ConductorConfig, FleetConfig } from '../../domain/config/conductorConfig';
import type { Clock, ReleaseSource } from '../../ports';

const FRESH_SECONDS = 300;
const MIN_REFRESH_SECONDS = 30;

/**
 * Which configured fleets a managed cluster belongs to (AKS events name a cluster, not a fleet). Built from the
 * fleets' member lists and kept for a few minutes; an unknown cluster triggers a refresh, at most every 30 s, so a
 * storm of events from unknown clusters cannot turn into a storm of list calls.
 */
export class MemberIndex {
  private byCluster = new Map<string, FleetConfig[]>();
  private builtAt = -Infinity;
  private building: Promise<void> | undefined;

  constructor(
    private readonly source: ReleaseSource,
    private readonly config: ConductorConfig,
    private readonly clock: Clock,
  ) {}

  async fleetsOf(clusterId: string): Promise<readonly FleetConfig[]> {
    const now = Date.parse(this.clock.nowIso());
    const key = clusterId.toLowerCase();
    const age = (now - this.builtAt) / 1000;
    if (age > FRESH_SECONDS || (!this.byCluster.has(key) && age > MIN_REFRESH_SECONDS)) await this.refresh(now);
    return this.byCluster.get(key) ?? [];
  }

  private refresh(now: number): Promise<void> {
    this.building ??= (async () => {
      const next = new Map<string, FleetConfig[]>();
      const fleets = this.config.fleets.filter((f) => f.release !== undefined);
      const lists = await Promise.all(fleets.map((f) => this.source.listMembers(f.fleetId)));
      fleets.forEach((fleet, i) => {
        for (const m of lists[i] ?? []) {
          const key = m.clusterResourceId.toLowerCase();
          next.set(key, [...(next.get(key) ?? []), fleet]);
        }
      });
      this.byCluster = next;
      this.builtAt = now;
    })().finally(() => (this.building = undefined));
    return this.building;
  }
}
