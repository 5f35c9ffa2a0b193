import { regionKey, type FirstSeen } from '../../../src/domain/versions/fleetFacts';
import { ConcurrencyError, type FleetPause, type FleetReleaseEvaluation, type ReleaseStore, type RunRecord, type StoredRunRecord } from '../../../src/ports';

/** A JSON copy, like a table row: callers cannot mutate what is stored. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** ReleaseStore in memory with the Table adapter's semantics (insert-if-absent, real ETags); its contract twin. */
export class InMemoryReleaseStore implements ReleaseStore {
  private readonly firstSeen = new Map<string, FirstSeen>();
  private readonly runs = new Map<string, StoredRunRecord>();
  /** Like the table's `~run|` index: the record as of its last write under each run name. */
  private readonly byRunName = new Map<string, RunRecord>();
  private readonly evaluations = new Map<string, FleetReleaseEvaluation>();
  private readonly pauses = new Map<string, FleetPause>();
  private nextEtag = 1;

  recordFirstSeen(entries: readonly FirstSeen[]): Promise<void> {
    for (const e of entries) {
      const region = regionKey(e.region);
      const key = `${region}|${e.version}`;
      if (!this.firstSeen.has(key)) this.firstSeen.set(key, { region, version: e.version, firstSeenAt: e.firstSeenAt });
    }
    return Promise.resolve();
  }

  listFirstSeen(regions: readonly string[]): Promise<readonly FirstSeen[]> {
    const wanted = new Set(regions.map(regionKey));
    const out = [...this.firstSeen.values()]
      .filter((f) => wanted.has(f.region))
      .sort((a, b) => a.region.localeCompare(b.region) || a.firstSeenAt.localeCompare(b.firstSeenAt) || a.version.localeCompare(b.version));
    return Promise.resolve(out.map(copy));
  }

  claimRun(record: RunRecord): Promise<{ readonly claimed: boolean; readonly record: StoredRunRecord }> {
    const key = this.runKey(record);
    const existing = this.runs.get(key);
    if (existing) return Promise.resolve({ claimed: false, record: copy(existing) });
    return Promise.resolve({ claimed: true, record: this.putRun(key, record) });
  }

  updateRunRecord(record: RunRecord, etag: string): Promise<StoredRunRecord> {
    const key = this.runKey(record);
    const current = this.runs.get(key);
    const what = `Run record ${record.fleetId} ${record.target.kind} ${record.target.version}`;
    if (!current) return Promise.reject(new ConcurrencyError(`${what}: not claimed`));
    if (current.etag !== etag) return Promise.reject(new ConcurrencyError(`${what}: changed by another writer`));
    return Promise.resolve(this.putRun(key, record));
  }

  listRunRecords(fleetId: string): Promise<readonly StoredRunRecord[]> {
    const fleet = fleetId.toLowerCase();
    const out = [...this.runs.values()]
      .filter((r) => r.fleetId.toLowerCase() === fleet)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.runName.localeCompare(b.runName));
    return Promise.resolve(out.map(copy));
  }

  getRunRecord(fleetId: string, runName: string): Promise<RunRecord | undefined> {
    const key = `${fleetId.toLowerCase()}|${runName.toLowerCase()}`;
    const found = this.byRunName.get(key);
    return Promise.resolve(found ? copy(found) : undefined);
  }

  putEvaluation(evaluation: FleetReleaseEvaluation): Promise<void> {
    this.evaluations.set(evaluation.fleetId.toLowerCase(), copy(evaluation));
    return Promise.resolve();
  }

  getEvaluation(fleetId: string): Promise<FleetReleaseEvaluation | undefined> {
    const found = this.evaluations.get(fleetId.toLowerCase());
    return Promise.resolve(found ? copy(found) : undefined);
  }

  getPause(fleetId: string): Promise<FleetPause | undefined> {
    const found = this.pauses.get(fleetId.toLowerCase());
    return Promise.resolve(found ? copy(found) : undefined);
  }

  putPause(fleetId: string, pause: FleetPause | undefined): Promise<void> {
    if (pause) this.pauses.set(fleetId.toLowerCase(), copy(pause));
    else this.pauses.delete(fleetId.toLowerCase());
    return Promise.resolve();
  }

  private runKey(record: Pick<RunRecord, 'fleetId' | 'target'>): string {
    return `${record.fleetId.toLowerCase()}|${record.target.kind}:${record.target.version}`;
  }

  private putRun(key: string, record: RunRecord): StoredRunRecord {
    const stored = { ...copy(record), etag: `W/"${this.nextEtag++}"` };
    this.runs.set(key, stored);
    this.byRunName.set(`${record.fleetId.toLowerCase()}|${record.runName.toLowerCase()}`, copy(record));
    return copy(stored);
  }
}
