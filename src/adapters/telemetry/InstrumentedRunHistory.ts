import { FINISHED_RUN_STATES, type RunHistoryQuery, type RunHistoryStore } from '../../ports';
import type { RunSnapshot } from '../../domain/history/runSnapshot';
import { ATTR } from './telemetryAttributes';
import { SPAN, type ConductorTelemetry } from './ConductorTelemetry';
import type { FirstSeenIndex } from './FirstSeenIndex';

/**
 * Run outcomes from run history: a snapshot that reaches a final state for the first time (the stored one was
 * unfinished or absent) counts the run by outcome; a completed run also measures the time from its release's first
 * sighting to its fleet-wide completion. Only finished snapshots cost a read (of the stored one), and only until this
 * process has seen the run finished.
 */
export class InstrumentedRunHistory implements RunHistoryStore {
  private readonly finished = new Set<string>();

  constructor(
    private readonly inner: RunHistoryStore,
    private readonly telemetry: ConductorTelemetry,
    private readonly firstSeen: FirstSeenIndex,
    /** Where the first sighting comes from when this process never saw the release evaluated (firstSeenOfRun). */
    private readonly firstSeenFallback?: (run: RunSnapshot) => Promise<string | undefined>,
  ) {}

  async upsertRun(snapshot: RunSnapshot): Promise<void> {
    const newlyFinished = await this.newlyFinished([snapshot]);
    await this.inner.upsertRun(snapshot);
    await this.measure(newlyFinished);
  }

  async upsertRuns(snapshots: readonly RunSnapshot[]): Promise<void> {
    const newlyFinished = await this.newlyFinished(snapshots);
    await this.inner.upsertRuns(snapshots);
    await this.measure(newlyFinished);
  }

  listActiveRunNames(fleetName: string): Promise<readonly string[]> {
    return this.inner.listActiveRunNames(fleetName);
  }

  getRun(fleetName: string, runName: string): Promise<RunSnapshot | undefined> {
    return this.inner.getRun(fleetName, runName);
  }

  pruneRuns(before: string, limit: number): Promise<number> {
    return this.inner.pruneRuns(before, limit);
  }

  listRuns(query: RunHistoryQuery): Promise<{ readonly items: readonly RunSnapshot[]; readonly continuationToken?: string }> {
    return this.inner.listRuns(query);
  }

  private async newlyFinished(snapshots: readonly RunSnapshot[]): Promise<RunSnapshot[]> {
    const out: RunSnapshot[] = [];
    for (const s of snapshots) {
      if (!FINISHED_RUN_STATES.includes(s.state) || this.finished.has(key(s))) continue;
      const stored = await this.inner.getRun(s.fleetName, s.runName);
      if (stored !== undefined && FINISHED_RUN_STATES.includes(stored.state)) this.finished.add(key(s));
      else out.push(s);
    }
    return out;
  }

  private async measure(snapshots: readonly RunSnapshot[]): Promise<void> {
    const t = this.telemetry;
    for (const s of snapshots) {
      this.finished.add(key(s));
      const attributes = { [ATTR.fleet]: s.fleetName, [ATTR.runOutcome]: s.state, [ATTR.targetKind]: s.target?.kind };
      t.count(t.runsFinished, attributes);
      t.event(SPAN.runFinished, { ...attributes, [ATTR.run]: s.runName, [ATTR.targetVersion]: s.target?.version }, s.state === 'Failed');
      if (s.state !== 'Completed' || !s.target) continue;
      const seenAt = this.firstSeen.firstSeen(s.target.version) ?? (await this.fallback(s));
      const doneAt = s.completedTime ?? s.observedAt;
      if (seenAt !== undefined) {
        t.record(t.releaseToCompletion, (Date.parse(doneAt) - Date.parse(seenAt)) / 1000, { [ATTR.fleet]: s.fleetName, [ATTR.targetKind]: s.target.kind, [ATTR.targetVersion]: s.target.version });
      }
    }
  }

  /** Telemetry never fails a history write: a failed lookup leaves this run's release-to-completion unmeasured. */
  private async fallback(run: RunSnapshot): Promise<string | undefined> {
    try {
      return await this.firstSeenFallback?.(run);
    } catch {
      return undefined;
    }
  }
}

function key(s: RunSnapshot): string {
  return `${s.fleetName}|${s.runName}`;
}
