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
 * Makes the fleet's update strategy match the configuration: reads it, and writes it only when it differs (one
 * ARM read per check; a write only after a config change). Runs already created keep the strategy they snapshotted.
 */
export async function ensureUpdateStrategy(fleetApi: FleetApi, fleet: FleetConfig): Promise<'unchanged' | 'written'> {
  const wanted = toStrategyStages(fleet.strategy);
  const current = await fleetApi.getUpdateStrategy(fleet.fleetId, fleet.strategy.name);
  if (current && normalise(current) === normalise(wanted)) return 'unchanged';
  await fleetApi.upsertUpdateStrategy(fleet.fleetId, fleet.strategy.name, wanted);
  return 'written';
}

// Per FleetApi (one per process): the strategy each fleet was verified to have, as normalised config.
const verified = new WeakMap<FleetApi, Map<string, string>>();

/**
 * ensureUpdateStrategy for the timer: reads Fleet only when this process has not yet verified the current config for
 * the fleet, so a steady tick costs no strategy request. Drift made by hand later is harmless until a run is
 * created, and run creation verifies the strategy again (uncached) before Fleet snapshots it.
 */
export async function ensureStrategyOnce(fleetApi: FleetApi, fleet: FleetConfig): Promise<'unchanged' | 'written'> {
  const wanted = normalise(toStrategyStages(fleet.strategy));
  let seen = verified.get(fleetApi);
  if (!seen) verified.set(fleetApi, (seen = new Map<string, string>()));
  const key = `${fleet.fleetId.toLowerCase()}|${fleet.strategy.name}`;
  if (seen.get(key) === wanted) return 'unchanged';
  const outcome = await ensureUpdateStrategy(fleetApi, fleet);
  seen.set(key, wanted);
  return outcome;
}
