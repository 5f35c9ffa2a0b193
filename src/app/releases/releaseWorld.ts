import type { AppLog } from '../../ports';
import { detectReleases, type ReleaseOutcome } from './detectReleases';
import { FleetEvaluationQueue } from './FleetEvaluationQueue';
import { MemberIndex } from './MemberIndex';
import type { ReleaseDeps } from './releaseDeps';
import { DEFAULT_WINDOW_SECONDS, SharedReleaseReads, type SharedReadOptions } from './SharedReleaseReads';

/** Release dependencies for a process: the adapters plus the process-wide member index and coalescing queue. */
export type ReleaseWorld = Omit<ReleaseDeps, 'log'> & {
  readonly index: MemberIndex;
  readonly queue: FleetEvaluationQueue<ReleaseOutcome, AppLog>;
};

export function createReleaseWorld(given: Omit<ReleaseDeps, 'log'>, options: SharedReadOptions = {}): ReleaseWorld {
  // Every evaluation of the process (poll and AKS events, all fleets) shares subscription and regional reads.
  const base = { ...given, source: new SharedReleaseReads(given.source, given.clock, options) };
  // AKS events: one evaluation per fleet per window of shared reads (the same window).
  const queue = new FleetEvaluationQueue<ReleaseOutcome, AppLog>(
    (fleetName, trigger, log) => {
      const fleet = base.config.fleets.find((f) => f.name === fleetName);
      if (!fleet) return Promise.reject(new Error(`Fleet ${fleetName} is not configured`));
      return detectReleases({ ...base, log }, fleet, trigger);
    },
    { clock: given.clock, windowSeconds: options.windowSeconds ?? DEFAULT_WINDOW_SECONDS },
  );
  return { ...base, index: new MemberIndex(given.source, base.config, base.clock), queue };
}
