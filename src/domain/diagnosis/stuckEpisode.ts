import type { RunDiagnosis } from './runDiagnosis';

/**
 * The stuck episode to notify about: the run has been stuck for at least `thresholdMinutes`. An episode is named by
 * the run's last progress time, which does not move while the run is stuck, so ids derived from it make the
 * notification and its audit record once per episode; any progress starts a new episode.
 */
export function stuckEpisode(d: RunDiagnosis, thresholdMinutes: number): { readonly since: string; readonly minutes: number } | undefined {
  if (d.state !== 'stuck' || d.lastProgressAt === undefined || d.stuckForMinutes === undefined) return undefined;
  return d.stuckForMinutes >= thresholdMinutes ? { since: d.lastProgressAt, minutes: d.stuckForMinutes } : undefined;
}
