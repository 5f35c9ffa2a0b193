import { isStoppable, isStopping } from '../../domain/runs/fleetRunState';
import { recordOperatorAction } from '../operator/recordOperatorAction';
import type { HistoryDeps } from './historyDeps';

export type StopRunOutcome =
  | { readonly kind: 'notFound' }
  | { readonly kind: 'notRunning'; readonly state: string }
  | { readonly kind: 'stopping'; readonly state: string };

/**
 * An operator stops a run. Stopping a stopping/stopped run is accepted again (idempotent); others are a conflict.
 * The reason is audited and kept on the run's record: the stop holds the fleet until an operator resumes or abandons.
 */
export async function stopRun(
  deps: HistoryDeps,
  fleetName: string,
  runName: string,
  actor: { readonly name: string; readonly reason: string },
): Promise<StopRunOutcome> {
  const fleet = deps.config.fleets.find((f) => f.name === fleetName.toLowerCase());
  if (!fleet) return { kind: 'notFound' };
  const run = await deps.fleet.getUpdateRun(fleet.fleetId, runName);
  if (!run) return { kind: 'notFound' };
  if (isStopping(run.state)) return { kind: 'stopping', state: run.state };
  if (!isStoppable(run.state)) return { kind: 'notRunning', state: run.state };
  await deps.fleet.stopUpdateRun(fleet.fleetId, runName);
  const at = deps.clock.nowIso();
  await deps.audit.appendAuditEvents([
    {
      id: `stop/${at}/${actor.name}`,
      at,
      fleetId: fleet.fleetId,
      runName,
      kind: 'RunStopRequested',
      actor: actor.name,
      message: `${actor.name} stopped the run: ${actor.reason}`,
      data: { reason: actor.reason },
    },
  ]);
  if (deps.releases) {
    const releases = deps.releases;
    const record = (await releases.listRunRecords(fleet.fleetId)).find((r) => r.runName === runName);
    await recordOperatorAction({ releases }, record, 'stop', actor, at);
  }
  return { kind: 'stopping', state: 'Stopping' };
}
