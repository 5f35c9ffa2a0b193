import type { AppLog } from '../../ports';
import type { PreflightDeps } from '../preflight/preflightDeps';
import type { PreflightWatch } from '../preflight/PreflightWatch';
import type { DiagnosisDeps } from './diagnosisDeps';
import { notifyStuckRuns } from './notifyStuckRuns';

export interface TickWatches {
  readonly preflight?: PreflightDeps;
  readonly stuck?: DiagnosisDeps;
}

/**
 * What the reconcile timer runs before reconciling gates (issue 17): the preflight when due, then the stuck-run watch
 * (its notifications go out with this tick's outbox delivery). A failure is logged and never stops the reconcile.
 */
export async function runTickWatches(watches: (() => TickWatches) | undefined, preflight: PreflightWatch, log: AppLog): Promise<void> {
  if (!watches) return;
  let world: TickWatches;
  try {
    world = watches();
  } catch (error) {
    log.warn(`Preflight and stuck-run watch are unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (world.preflight) {
    try {
      for (const r of await preflight.tick(world.preflight, log)) log.info(`Preflight of fleet ${r.fleet} (${r.trigger}): ${r.findings} finding(s)`);
    } catch (error) {
      log.warn(`Preflight watch failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (world.stuck) {
    try {
      const summary = await notifyStuckRuns(world.stuck);
      if (summary.notified.length > 0) log.warn(`Stuck runs notified: ${summary.notified.join(', ')}`);
    } catch (error) {
      log.warn(`Stuck-run watch failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
