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
