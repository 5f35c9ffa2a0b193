import type { InvocationContext, Timer } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { contextLog } from './support/contextLog';
import { timerFunction } from './support/functionCatalog';

/** Re-evaluates every fleet's release policy on a schedule (the safety net behind AKS events). */
export function createPollReleasesHandler(services: () => Services) {
  return async (timer: Timer, context: InvocationContext): Promise<void> => {
    const summary = await services().pollReleases(contextLog(context));
    context.log(`Polled releases${timer.isPastDue ? ' (past due)' : ''}`, summary);
    const errors = summary.fleets.filter((f) => f.error !== undefined);
    if (errors.length > 0) throw new Error(`Release poll failed for ${errors.map((f) => `${f.fleet}: ${f.error}`).join('; ')}`);
  };
}

timerFunction('pollReleases', { schedule: '%RELEASE_POLL_SCHEDULE%', handler: createPollReleasesHandler(getServices) }, getServices);
