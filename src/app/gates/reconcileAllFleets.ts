import { deliverNotifications, type DeliverySummary } from '../notifications/deliverNotifications';
import { ensureStrategyOnce, type StrategyOutcome } from './ensureUpdateStrategy';
import type { GateDeps } from './gateDeps';
import { reconcileFleetGates, type FleetGatesSummary } from './reconcileFleetGates';
import { alertUnsupportedApiVersion } from '../alerts/alertUnsupportedApiVersion';
import { errorMessage } from '../errorMessage';

export interface ReconcileCycleSummary {
  readonly fleets: readonly (FleetGatesSummary & { readonly strategy: StrategyOutcome | 'failed' })[];
  readonly notifications: DeliverySummary;
  /** Runs forgotten by history retention this tick (at most one batch). */
  readonly historyPruned?: number;
}

/**
 * The timer's safety net, per fleet: the managed strategy matches config (read once per process and config; Fleet
 * snapshots it into a run at creation, where it is verified again), every pending or unfinished gate is reconciled
 * and run history brought up to date from the same reads; then due notifications are delivered and one bounded batch
 * of expired history is pruned. A fleet's failure is reported and does not stop the others.
 */
export async function reconcileAllFleets(deps: GateDeps): Promise<ReconcileCycleSummary> {
  const fleets = [];
  for (const fleet of deps.config.fleets) {
    let strategy: StrategyOutcome | 'failed';
    try {
      strategy = await ensureStrategyOnce(deps.fleet, fleet);
    } catch (error) {
      strategy = 'failed';
      await alertUnsupportedApiVersion(deps, error).catch(() => false);
      deps.log.warn(`Could not apply strategy ${fleet.strategy.name} to fleet ${fleet.name}: ${errorMessage(error)}`);
    }
    try {
      fleets.push({ ...(await reconcileFleetGates(deps, fleet)), strategy });
    } catch (error) {
      await alertUnsupportedApiVersion(deps, error).catch(() => false);
      fleets.push({ fleet: fleet.name, gates: 0, outcomes: {}, errors: [errorMessage(error)], strategy });
    }
  }
  const notifications = await deliverNotifications(deps);
  let historyPruned = 0;
  try {
    historyPruned = (await deps.recorder?.prune()) ?? 0;
    if (historyPruned > 0) deps.log.info(`History retention pruned ${historyPruned} run(s)`);
  } catch (error) {
    deps.log.warn(`History retention failed (retried next tick): ${error instanceof Error ? error.message : String(error)}`);
  }
  return { fleets, notifications, ...(historyPruned > 0 ? { historyPruned } : {}) };
}
