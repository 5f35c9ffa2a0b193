import type { InvocationContext, Timer } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { contextLog } from './support/contextLog';
import { timerFunction } from './support/functionCatalog';

/** The safety net: strategy, every pending or unfinished gate of every fleet, then due notifications. */
export function createReconcileGatesHandler(services: () => Services) {
  return async (timer: Timer, context: InvocationContext): Promise<void> => {
    const summary = await services().reconcileAllFleets(contextLog(context));
    context.log(`Reconciled${timer.isPastDue ? ' (past due)' : ''}`, summary);
    const errors = summary.fleets.flatMap((f) => f.errors.map((e) => `${f.fleet}: ${e}`));
    // Surface per-gate failures as a failed run (visible in /api/health) after every fleet was attempted.
    if (errors.length > 0) throw new Error(`Reconcile finished with ${errors.length} error(s): ${errors.join('; ')}`);
  };
}

timerFunction('reconcileGates', { schedule: '%RECONCILE_SCHEDULE%', handler: createReconcileGatesHandler(getServices) }, getServices);
