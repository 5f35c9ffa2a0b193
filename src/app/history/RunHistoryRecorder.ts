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
    let writes = 0;
    for (const snapshot of snapshots) {
      const key = `${fleet.name}|${snapshot.runName}`;
      const { observedAt: _observedAt, ...content } = snapshot;
      const fingerprint = JSON.stringify(content);
      if (this.written.get(key) === fingerprint) continue;
      await this.deps.history.upsertRun(snapshot);
      this.written.set(key, fingerprint);
      writes++;
    }
    return writes;
  }
}
