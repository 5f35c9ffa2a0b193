import { preflightDue, preflightIncomplete, type PreflightTrigger } from '../../domain/preflight/preflightDue';
import type { AppLog } from '../../ports';
import type { PreflightDeps } from './preflightDeps';
import { runPreflight } from './runPreflight';
import { errorMessage } from '../errorMessage';

/**
 * Runs each fleet's preflight from the reconcile timer when preflightDue says so (none stored, configuration change,
 * stale or incomplete report) and stores the report for the fleet view. One instance per process: it remembers what
 * this process attempted (a process attempts a fleet at most once per floor); a new process with fresh, complete
 * reports for its configuration runs none. At most ONE fleet's preflight per tick: a preflight reads every member's
 * cluster, role assignments and maintenance configurations (about 160 ARM reads for 100 members), so a start at 50
 * fleets × 100 members would otherwise send ~8,000 reads in one tick against ARM's per-subscription read budget
 * (a burst of 250, 25/s); spread over ticks, each stays under it. Measured by bench/requestCounts (first tick).
 */
export class PreflightWatch {
  private readonly attempted = new Map<string, string>();

  async tick(deps: PreflightDeps, log: AppLog): Promise<readonly { readonly fleet: string; readonly trigger: PreflightTrigger; readonly findings: number }[]> {
    const ran: { fleet: string; trigger: PreflightTrigger; findings: number }[] = [];
    for (const fleet of deps.config.fleets) {
      const now = deps.clock.nowIso();
      const stored = await deps.store.getPreflight(fleet.fleetId);
      const attemptedAt = this.attempted.get(fleet.fleetId);
      const trigger = preflightDue({
        ...(stored ? { stored: { configHash: stored.configHash, checkedAt: stored.report.checkedAt, incomplete: preflightIncomplete(stored.report) } } : {}),
        configHash: deps.configHash,
        ...(attemptedAt ? { attemptedAt } : {}),
        now,
        refreshHours: deps.refreshHours,
      });
      if (!trigger) continue;
      this.attempted.set(fleet.fleetId, now);
      try {
        const report = await runPreflight(deps, fleet, now);
        await deps.store.putPreflight({ report, configHash: deps.configHash, trigger });
        ran.push({ fleet: fleet.name, trigger, findings: report.findings.length });
      } catch (error) {
        // Retried after the floor (preflightDue); the fleet view keeps the previous report meanwhile.
        log.warn(`Preflight of fleet ${fleet.name} (${trigger}) failed: ${errorMessage(error)}`);
      }
      break; // one fleet per tick (above); the next tick takes the next fleet that is due
    }
    return ran;
  }
}
