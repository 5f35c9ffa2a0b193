import type { AppLog } from '../../ports';
import { detectReleases } from './detectReleases';
import type { ReleaseOutcome } from './releaseEvaluation';
import { FleetEvaluationQueue } from './FleetEvaluationQueue';
import { MemberIndex } from './MemberIndex';
import type { ReleaseDeps } from './releaseDeps';
import { DEFAULT_WINDOW_SECONDS, SharedReleaseReads, type SharedReadOptions } from './SharedReleaseReads';

/** The release family's dependencies for a process: the adapters given, plus the process-wide member index and coalescing queue. */
export function createReleaseDeps(given: Omit<ReleaseDeps, 'log' | 'index' | 'queue'>, options: SharedReadOptions = {}): Omit<ReleaseDeps, 'log'> {
  // Every evaluation of the process (poll and AKS events, all fleets) shares subscription and regional reads.
  const base = { ...given, source: new SharedReleaseReads(given.source, given.clock, options) };
  // AKS events: one evaluation per fleet per window of shared reads (the same window).
  const queue: ReleaseDeps['queue'] = new FleetEvaluationQueue<ReleaseOutcome, AppLog>(
    (fleetName, trigger, log) => {
      const fleet = base.config.fleets.find((f) => f.name === fleetName);
      if (!fleet) return Promise.reject(new Error(`Fleet ${fleetName} is not configured`));
      return detectReleases({ ...process, log }, fleet, trigger);
    },
    { clock: given.clock, windowSeconds: options.windowSeconds ?? DEFAULT_WINDOW_SECONDS },
  );
  const process = { ...base, index: new MemberIndex(given.source, base.config, base.clock), queue };
  return process;
}
