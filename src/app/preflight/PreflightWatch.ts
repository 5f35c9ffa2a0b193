import { preflightDue, type PreflightTrigger } from '../../domain/preflight/preflightDue';
import type { AppLog, PreflightStore } from '../../ports';
import type { PreflightDeps } from './preflightDeps';
import { runPreflight } from './runPreflight';

export interface PreflightWatchDeps extends PreflightDeps {
  readonly store: PreflightStore;
  /** SHA-256 of conductor.yaml as this process loaded it. */
  readonly configHash: string;
  /** PREFLIGHT_REFRESH_HOURS. */
  readonly refreshHours: number;
}

/**
 * Runs each fleet's preflight from the reconcile timer when preflightDue says so (startup, configuration change,
 * refresh) and stores the report for the fleet view. One instance per process: it remembers what this process
 * attempted, which is what "startup" means.
 */
export class PreflightWatch {
  private readonly attempted = new Map<string, string>();

  async tick(deps: PreflightWatchDeps, log: AppLog): Promise<readonly { readonly fleet: string; readonly trigger: PreflightTrigger; readonly findings: number }[]> {
    const ran: { fleet: string; trigger: PreflightTrigger; findings: number }[] = [];
    for (const fleet of deps.config.fleets) {
      const now = deps.clock.nowIso();
      const stored = await deps.store.getPreflight(fleet.fleetId);
      const attemptedAt = this.attempted.get(fleet.fleetId);
      const trigger = preflightDue({
        ...(stored ? { stored: { configHash: stored.configHash, checkedAt: stored.report.checkedAt } } : {}),
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
        log.warn(`Preflight of fleet ${fleet.name} (${trigger}) failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return ran;
  }
}
