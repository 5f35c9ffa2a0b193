import type { ConductorConfig } from '../../domain/config/conductorConfig';
import type { AppLog, Clock, FleetApi, ReleaseStore, RunCreator, RunHistoryStore } from '../../ports';
import { RunCreators } from './RunCreators';
import { errorMessage } from '../errorMessage';

/**
 * A RunCreator that records a run in history as soon as Conductor started it, so the reconcile tick (which reads
 * only runs history knows to be unfinished) follows it from the next tick on, on any instance. The record is one
 * extra read of the run; if it fails, the run is still started and the next discovery list records it.
 */
export function recordStartedRuns(
  runs: RunCreator,
  deps: { readonly fleet: FleetApi; readonly history: RunHistoryStore; readonly clock: Clock; readonly config: ConductorConfig; readonly log?: AppLog; readonly records?: Pick<ReleaseStore, 'getRunRecord'> },
): RunCreator {
  const creators = deps.records ? new RunCreators(deps.records) : undefined;
  return {
    createUpdateRun: (fleetId, runName, spec) => runs.createUpdateRun(fleetId, runName, spec),
    generateUpdateRun: (fleetId, profileName) => runs.generateUpdateRun(fleetId, profileName),
    findGeneratedRun: (fleetId, profileName, target) => runs.findGeneratedRun(fleetId, profileName, target),
    listActiveRuns: (fleetId) => runs.listActiveRuns(fleetId),
    startUpdateRun: async (fleetId, runName) => {
      const started = await runs.startUpdateRun(fleetId, runName);
      const fleet = deps.config.fleets.find((f) => f.fleetId.toLowerCase() === fleetId.toLowerCase());
      try {
        const observed = fleet ? await deps.fleet.observeRun(fleet.fleetId, fleet.name, runName, deps.clock.nowIso()) : undefined;
        if (observed) await deps.history.upsertRun(creators ? await creators.attribute(observed.snapshot) : observed.snapshot);
      } catch (error) {
        deps.log?.warn(`Started run ${runName} is not yet in history: ${errorMessage(error)}`);
      }
      return started;
    },
  };
}
