import type { FleetConfig } from '../../domain/config/conductorConfig';
import type { RunSnapshot } from '../../domain/history/runSnapshot';
import type { Clock, FleetApi, RunHistoryStore } from '../../ports';

/** A run that left Fleet's list: kept in history with this state (not a Fleet state) and when it was last seen. */
export const DELETED_STATE = 'Deleted';
// How many of a fleet's newest history runs are compared with Fleet's list after a process starts.
const BACKFILL_LIMIT = 200;

/**
 * Keeps run history current: every reconcile lists a fleet's runs once (one ARM call) and writes the runs whose
 * status changed since this process last wrote them. History outlives Fleet's own view: a run that disappears from
 * Fleet's list (deleted in Azure) is written once more as `Deleted`, with `lastSeenAt` the last time it was listed.
 * This process remembers what it wrote; after a start it compares the fleet's newest history once (one query).
 */
export class RunHistoryRecorder {
  private readonly written = new Map<string, { fingerprint: string; snapshot: RunSnapshot }>();
  private readonly backfilled = new Set<string>();

  constructor(private readonly deps: { readonly fleet: FleetApi; readonly history: RunHistoryStore; readonly clock: Clock }) {}

  async record(fleet: FleetConfig): Promise<number> {
    const now = this.deps.clock.nowIso();
    const snapshots = await this.deps.fleet.listRunSnapshots(fleet.fleetId, fleet.name, now);
    const changed = snapshots
      .map((snapshot) => {
        const { observedAt: _observedAt, ...content } = snapshot;
        return { snapshot, key: `${fleet.name}|${snapshot.runName}`, fingerprint: JSON.stringify(content) };
      })
      .filter((c) => this.written.get(c.key)?.fingerprint !== c.fingerprint);
    const gone = await this.vanished(fleet, new Set(snapshots.map((s) => s.runName)), now);
    const writes = [...changed.map((c) => c.snapshot), ...gone];
    if (writes.length === 0) return 0;
    await this.deps.history.upsertRuns(writes);
    for (const c of changed) this.written.set(c.key, { fingerprint: c.fingerprint, snapshot: c.snapshot });
    for (const d of gone) this.written.set(`${fleet.name}|${d.runName}`, { fingerprint: DELETED_STATE, snapshot: d });
    return writes.length;
  }

  /** Runs history has (or this process wrote) that Fleet no longer lists, as their Deleted snapshots. */
  private async vanished(fleet: FleetConfig, listed: ReadonlySet<string>, now: string): Promise<RunSnapshot[]> {
    const known = new Map<string, RunSnapshot>();
    if (!this.backfilled.has(fleet.name)) {
      for (const run of (await this.deps.history.listRuns({ fleet: fleet.name, limit: BACKFILL_LIMIT })).items) known.set(run.runName, run);
      this.backfilled.add(fleet.name);
    }
    for (const [key, { snapshot }] of this.written) if (key.startsWith(`${fleet.name}|`)) known.set(snapshot.runName, snapshot);
    return [...known.values()]
      .filter((run) => !listed.has(run.runName) && run.state !== DELETED_STATE)
      .map((run) => ({ ...run, state: DELETED_STATE, lastSeenAt: run.observedAt, observedAt: now }));
  }
}
