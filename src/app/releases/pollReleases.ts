import type { ReleaseOutcome } from './releaseEvaluation';
import type { ReleaseDeps } from './releaseDeps';
import { alertUnsupportedApiVersion } from '../alerts/alertUnsupportedApiVersion';
import { errorMessage } from '../errorMessage';

export interface PollSummary {
  readonly fleets: readonly { readonly fleet: string; readonly outcome?: ReleaseOutcome; readonly error?: string }[];
}

/**
 * The timer's sweep: every fleet with a release policy is evaluated, whether or not an event came. This is what
 * catches releases whose events were lost, and clusters a finished run left behind. One fleet's failure does not
 * stop the others.
 */
export async function pollReleases(deps: ReleaseDeps): Promise<PollSummary> {
  const fleets = deps.config.fleets.filter((f) => f.release !== undefined);
  const results = await Promise.all(
    fleets.map(async (f) => {
      try {
        return { fleet: f.name, outcome: await deps.queue.request(f.name, { kind: 'poll', eventIds: [] }, deps.log) };
      } catch (error) {
        await alertUnsupportedApiVersion(deps, error).catch(() => false);
        return { fleet: f.name, error: errorMessage(error) };
      }
    }),
  );
  return { fleets: results };
}
