import type { RunSnapshot } from '../../domain/history/runSnapshot';
import type { ReleaseStore } from '../../ports';

/**
 * Says in history who created a run as Conductor knows it: a run Conductor created (it has a run record) is
 * recorded with the record's creator, whatever identity Fleet shows (the managed identity's id). Done when a
 * snapshot is written, so listing runs needs no record reads; one point read per run and process, then remembered
 * (a run's creator never changes).
 */
export class RunCreators {
  private readonly known = new Map<string, string | null>();

  constructor(private readonly records: Pick<ReleaseStore, 'getRunRecord'>) {}

  async attribute(snapshot: RunSnapshot): Promise<RunSnapshot> {
    const key = `${snapshot.fleetId.toLowerCase()}|${snapshot.runName.toLowerCase()}`;
    let creator = this.known.get(key);
    if (creator === undefined) {
      creator = (await this.records.getRunRecord(snapshot.fleetId, snapshot.runName))?.createdBy ?? null;
      this.known.set(key, creator);
    }
    return creator === null ? snapshot : { ...snapshot, createdBy: creator };
  }
}
