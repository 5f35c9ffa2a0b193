import type { FleetConfig } from '../../domain/config/conductorConfig';
import type { FleetApi, StrategyStage } from '../../ports';
import { toStrategyStages } from './toStrategyStages';

function normalise(stages: readonly StrategyStage[]): string {
  const gates = (list: readonly { displayName: string }[] | undefined): string[] => (list ?? []).map((g) => g.displayName);
  return JSON.stringify(
    stages.map((s) => ({
      name: s.name,
      wait: s.afterStageWaitInSeconds ?? 0,
      // Every field Conductor writes is compared, so a value Fleet dropped or someone changed is written again.
      max: s.maxConcurrency ?? null,
      before: gates(s.beforeGates),
      after: gates(s.afterGates),
      groups: s.groups.map((g) => ({ name: g.name, max: g.maxConcurrency ?? null, before: gates(g.beforeGates), after: gates(g.afterGates) })),
    })),
  );
}

/**
 * What became of the strategy: `unchanged` (Fleet has it, confirmed), `written` (written now, Fleet answered with the
 * final resource), `accepted` (written now, Fleet took the write as a long-running operation), `inProgress` (Fleet
 * shows the wanted strategy with a write still running: an earlier request not yet confirmed).
 */
export type StrategyOutcome = 'unchanged' | 'written' | 'accepted' | 'inProgress';

/** The strategy PUT's terminal states other than Succeeded (docs/azure-apis.md §2.3: Succeeded, Failed, Canceled): the write did not take. */
const FAILED = new Set(['failed', 'canceled', 'cancelled']);

/**
 * Makes the fleet's update strategy match the configuration: reads it (one ARM read), and writes it only when it
 * differs or its last write failed. The write is not waited for: a write Fleet accepts asynchronously is confirmed
 * by a later call reading the strategy back with the wanted content and `provisioningState` Succeeded. Runs already
 * created keep the strategy they snapshotted. `rewriteInProgress` writes again over a write still running (the
 * explicit retry of a write not confirmed within its bound).
 */
export async function ensureUpdateStrategy(fleetApi: FleetApi, fleet: FleetConfig, options: { readonly rewriteInProgress?: boolean } = {}): Promise<StrategyOutcome> {
  const wanted = toStrategyStages(fleet.strategy);
  const current = await fleetApi.getUpdateStrategyState(fleet.fleetId, fleet.strategy.name);
  if (current && normalise(current.stages) === normalise(wanted)) {
    const state = (current.provisioningState ?? 'Succeeded').toLowerCase();
    if (state === 'succeeded') return 'unchanged';
    if (!FAILED.has(state) && options.rewriteInProgress !== true) return 'inProgress';
  }
  return (await fleetApi.upsertUpdateStrategy(fleet.fleetId, fleet.strategy.name, wanted)) === 'done' ? 'written' : 'accepted';
}

// Per FleetApi (one per process): the strategy each fleet was verified to have, as normalised config.
const verified = new WeakMap<FleetApi, Map<string, string>>();

/**
 * ensureUpdateStrategy for the timer: reads Fleet only when this process has not yet verified the current config for
 * the fleet, so a steady tick costs no strategy request. A write not yet confirmed is not remembered: the next tick
 * reads it back. Drift made by hand later is harmless until a run is created, and run creation verifies the strategy
 * again (uncached) before Fleet snapshots it.
 */
export async function ensureStrategyOnce(fleetApi: FleetApi, fleet: FleetConfig): Promise<StrategyOutcome> {
  const wanted = normalise(toStrategyStages(fleet.strategy));
  let seen = verified.get(fleetApi);
  if (!seen) verified.set(fleetApi, (seen = new Map<string, string>()));
  const key = `${fleet.fleetId.toLowerCase()}|${fleet.strategy.name}`;
  if (seen.get(key) === wanted) return 'unchanged';
  const outcome = await ensureUpdateStrategy(fleetApi, fleet);
  if (outcome === 'unchanged' || outcome === 'written') seen.set(key, wanted);
  return outcome;
}
