import type { FleetConfig } from '../../domain/config/conductorConfig';
import type { Clock, FleetApi, RunHistoryStore } from '../../ports';

/**
 * Keeps run history current: every reconcile lists a fleet's runs once (one ARM call) and writes the runs whose
 * status changed since this process last wrote them. History outlives Fleet's own view (deleted runs stay).
 */
export class RunHistoryRecorder {
  private readonly written = new Map<string, string>();

  constructor(private readonly deps: { readonly fleet: FleetApi; readonly history: RunHistoryStore; readonly clock: Clock }) {}

  async record(fleet: FleetConfig): Promise<number> {
    const snapshots = await this.deps.fleet.listRunSnapshots(fleet.fleetId, fleet.name, this.deps.clock.nowIso());
    const changed = snapshots
      .map((snapshot) => {
        const { observedAt: _observedAt, ...content } = snapshot;
        return { snapshot, key: `${fleet.name}|${snapshot.runName}`, fingerprint: JSON.stringify(content) };
      })
      .filter((c) => this.written.get(c.key) !== c.fingerprint);
    if (changed.length === 0) return 0;
    await this.deps.history.upsertRuns(changed.map((c) => c.snapshot));
    for (const c of changed) this.written.set(c.key, c.fingerprint);
    return changed.length;
  }
}
