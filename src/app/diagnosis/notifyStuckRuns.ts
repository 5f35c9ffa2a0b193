import type { FleetConfig } from '../../domain/config/conductorConfig';
import { diagnoseRun } from '../../domain/diagnosis/diagnoseRun';
import { stuckEpisode } from '../../domain/diagnosis/stuckEpisode';
import type { DiagnosisDeps } from './diagnosisDeps';
import { gatherRunFacts } from './gatherRunFacts';

const ACTOR = 'fleet-conductor';

export interface StuckWatchSummary {
  readonly checked: number;
  readonly stuck: readonly string[];
  readonly notified: readonly string[];
}

/**
 * The reconcile tick's watch on active runs: each is diagnosed from Conductor's own state and the run history the
 * tick keeps (Table Storage only); a run stuck for at least the threshold gets its full diagnosis (ARM and Log
 * Analytics reads) and ONE notification per stuck episode, recorded in its audit trail (`RunStuck`). Both share an
 * id made of the run and the episode's start (its last progress), so later ticks, retries and racing instances add
 * nothing; progress starts a new episode.
 */
export async function notifyStuckRuns(deps: DiagnosisDeps, fleets: readonly FleetConfig[] = deps.config.fleets): Promise<StuckWatchSummary> {
  let checked = 0;
  const stuck: string[] = [];
  const notified: string[] = [];
  for (const fleet of fleets) {
    for (const runName of await deps.history.listActiveRunNames(fleet.name)) {
      const run = await deps.history.getRun(fleet.name, runName);
      if (!run) continue;
      checked++;
      const episode = stuckEpisode(diagnoseRun(await gatherRunFacts(deps, fleet, run, 'cheap')), deps.stuckNotifyAfterMinutes);
      if (!episode) continue;
      stuck.push(`${fleet.name}/${runName}`);
      const id = `${runName}/RunStuck/${episode.since}`;
      if ((await deps.audit.listAuditEvents(fleet.fleetId, runName)).some((e) => e.id === id)) continue;
      const diagnosis = diagnoseRun(await gatherRunFacts(deps, fleet, run, 'full'));
      const now = deps.clock.nowIso();
      const causes = diagnosis.causes.map((c) => `${c.kind} ${c.subject}: ${c.message}`);
      const message = `Run ${runName} of fleet ${fleet.name} has not progressed since ${episode.since} (${episode.minutes} minutes, threshold ${deps.stuckNotifyAfterMinutes}): ${causes.join(' | ') || 'no cause found'}`;
      const summary = diagnosis.causes.map((c) => ({ kind: c.kind, subject: c.subject, message: c.message, fix: c.fix, ...(c.until ? { until: c.until } : {}) }));
      // Outbox first, audit second: if the audit write fails, the next tick finds no record and enqueues the same id
      // again, which the outbox ignores; in the other order a failed enqueue would leave a record and no notification.
      await deps.outbox.enqueue([
        { id, createdAt: now, channel: 'notifications', payload: { severity: 'warning', reason: 'RunStuck', fleet: fleet.name, runName, since: episode.since, minutes: episode.minutes, causes: summary, message } },
      ]);
      await deps.audit.appendAuditEvents([
        { id, at: now, fleetId: fleet.fleetId, runName, kind: 'RunStuck', actor: ACTOR, message, data: { since: episode.since, minutes: episode.minutes, thresholdMinutes: deps.stuckNotifyAfterMinutes, causes: summary } },
      ]);
      notified.push(`${fleet.name}/${runName}`);
    }
  }
  return { checked, stuck, notified };
}
