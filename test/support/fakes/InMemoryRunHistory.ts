import type { RunSnapshot } from '../../../src/domain/history/runSnapshot';
import { FINISHED_RUN_STATES, InvalidContinuationTokenError, type RunHistoryQuery, type RunHistoryStore } from '../../../src/ports';

/** RunHistoryStore in memory (the twin of TableRunHistory in the contract suite); tokens are offsets bound to the query. */
export class InMemoryRunHistory implements RunHistoryStore {
  private readonly runs = new Map<string, RunSnapshot>();

  upsertRun(snapshot: RunSnapshot): Promise<void> {
    this.runs.set(`${snapshot.fleetName.toLowerCase()}|${snapshot.runName}`, JSON.parse(JSON.stringify(snapshot)) as RunSnapshot);
    return Promise.resolve();
  }

  async upsertRuns(snapshots: readonly RunSnapshot[]): Promise<void> {
    for (const s of snapshots) await this.upsertRun(s);
  }

  listActiveRunNames(fleetName: string): Promise<readonly string[]> {
    const fleet = fleetName.toLowerCase();
    return Promise.resolve([...this.runs.values()].filter((r) => r.fleetName.toLowerCase() === fleet && !FINISHED_RUN_STATES.includes(r.state)).map((r) => r.runName).sort());
  }

  pruneRuns(before: string, limit: number): Promise<number> {
    const old = [...this.runs.entries()]
      .filter(([, r]) => FINISHED_RUN_STATES.includes(r.state) && r.createdAt < before)
      .sort(([, a], [, b]) => a.createdAt.localeCompare(b.createdAt))
      .slice(0, limit);
    for (const [key] of old) this.runs.delete(key);
    return Promise.resolve(old.length);
  }

  getRun(fleetName: string, runName: string): Promise<RunSnapshot | undefined> {
    return Promise.resolve(this.runs.get(`${fleetName.toLowerCase()}|${runName}`));
  }

  listRuns(query: RunHistoryQuery): Promise<{ items: readonly RunSnapshot[]; continuationToken?: string }> {
    const key = JSON.stringify([query.fleet?.toLowerCase(), query.state, query.since]);
    let offset = 0;
    if (query.continuationToken !== undefined) {
      const [k, o] = query.continuationToken.split('@');
      if (k !== Buffer.from(key).toString('base64url') || !/^\d+$/.test(o ?? '')) return Promise.reject(new InvalidContinuationTokenError());
      offset = Number(o);
    }
    const matching = [...this.runs.values()]
      .filter((r) => (!query.fleet || r.fleetName.toLowerCase() === query.fleet.toLowerCase()) && (!query.state || r.state === query.state) && (!query.since || r.createdAt >= query.since))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.fleetName.localeCompare(b.fleetName) || a.runName.localeCompare(b.runName));
    const items = matching.slice(offset, offset + query.limit);
    const end = offset + items.length;
    return Promise.resolve(end < matching.length ? { items, continuationToken: `${Buffer.from(key).toString('base64url')}@${end}` } : { items });
  }
}
