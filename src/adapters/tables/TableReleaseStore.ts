import type { TableClient, TransactionAction } from '@azure/data-tables';
import { OncePerKey } from './OncePerKey';
import { regionKey, type FirstSeen } from '../../domain/versions/fleetFacts';
import { ConcurrencyError, type FleetPause, type FleetReleaseEvaluation, type ReleaseStore, type RunRecord, type StoredRunRecord } from '../../ports';
import { fromJsonColumns, toJsonColumns } from './jsonColumns';
import type { TableClientFactory } from './tableClientFactory';
import { etagOfFirst } from './etagOfFirst';
import { rethrowConflict, statusOf } from './tableErrors';
import { odataString, tableKey } from './tableKey';

interface FirstSeenRow {
  region: string;
  version: string;
  firstSeenAt: string;
}

/** Row of a run record: the kind and version of the target; `:` is legal in keys, the version is encoded anyway. */
const runRowKey = (record: Pick<RunRecord, 'target'>): string => `${record.target.kind}:${encodeURIComponent(record.target.version)}`;
/**
 * Index rows sort after every record row (`~` is above any key character a record uses), so the records of a fleet
 * are the range `RowKey lt '~'`. `~run|<run>` is a copy of the record as of its last write under that run name.
 */
const runIndexKey = (runName: string): string => `~run|${encodeURIComponent(runName.toLowerCase())}`;
const INDEXED_MARKER = '~meta|indexed';
const RECORD_ROWS = `RowKey lt '~'`;

/**
 * Release detection state in Table Storage, three tables shaped by their queries:
 *
 * - `<prefix>FirstSeen`: partition = region key (`regionKey`: lower-case, no spaces, so `East US` = `eastus`), row =
 *   the version (Kubernetes `1.33.4` or node image `202611.14.0`, URI-encoded). Inserted only if absent (409 keeps the
 *   first writer's time). Read one partition per member region, in parallel; a region has tens of rows.
 * - `<prefix>RunRecords`: partition = the fleet (`tableKey`), row = `<kind>:<version>` of the target, so the
 *   conditional insert (`createEntity`) is the once-per-(fleet, target) claim; later transitions are ETag-guarded
 *   replaces. The record is JSON columns; `state`, `runName`, `createdAt` are plain columns for readers of the table.
 *   Every write also upserts, in the same entity-group transaction, the index row `~run|<run name>` (a copy), so
 *   "the record of this run" is one point read however many targets the fleet has had. Partitions written before
 *   the index existed are indexed once (row `~meta|indexed` says done), on the first look-up by run name.
 * - `<prefix>ReleaseEvaluations`: partition = the fleet, row = `latest`; replaced on every evaluation. Row `pause`
 *   holds an operator's pause of the fleet while it is paused.
 */
export class TableReleaseStore implements ReleaseStore {
  constructor(private readonly tables: TableClientFactory) {}

  async recordFirstSeen(entries: readonly FirstSeen[]): Promise<void> {
    if (entries.length === 0) return;
    const client = await this.tables('FirstSeen');
    // First of the input per (region, version); then one partition read per region so steady-state polls (nothing
    // new) cost reads only, not a failed insert per known version.
    const byKey = new Map<string, FirstSeen>();
    for (const e of entries) {
      const key = `${regionKey(e.region)}|${e.version}`;
      if (!byKey.has(key)) byKey.set(key, e);
    }
    const known = new Set((await this.listFirstSeen([...new Set(entries.map((e) => e.region))])).map((f) => `${f.region}|${f.version}`));
    const fresh = [...byKey].filter(([key]) => !known.has(key)).map(([, e]) => e);
    await Promise.all(fresh.map((e) => this.insertFirstSeen(client, e)));
  }

  async listFirstSeen(regions: readonly string[]): Promise<readonly FirstSeen[]> {
    const keys = [...new Set(regions.map(regionKey))];
    if (keys.length === 0) return [];
    const client = await this.tables('FirstSeen');
    const perRegion = await Promise.all(
      keys.map(async (key) => {
        const out: FirstSeen[] = [];
        const filter = `PartitionKey eq ${odataString(key)}`;
        for await (const e of client.listEntities<FirstSeenRow>({ queryOptions: { filter } })) out.push({ region: key, version: e.version, firstSeenAt: e.firstSeenAt });
        return out;
      }),
    );
    return perRegion.flat().sort((a, b) => a.region.localeCompare(b.region) || a.firstSeenAt.localeCompare(b.firstSeenAt) || a.version.localeCompare(b.version));
  }

  /** Per partition: indexed (or being checked) by this process; concurrent callers share the one check. */
  private readonly indexed = new OncePerKey();

  async claimRun(record: RunRecord): Promise<{ readonly claimed: boolean; readonly record: StoredRunRecord }> {
    const client = await this.tables('RunRecords');
    try {
      const res = await client.submitTransaction([['create', this.runEntity(record)], ['upsert', this.indexEntity(record), 'Replace']]);
      return { claimed: true, record: { ...record, etag: etagOfFirst(res) } };
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
    }
    // Another trigger claimed this (fleet, target) first: hand back its record so the caller can follow it.
    const existing = await client.getEntity(tableKey(record.fleetId), runRowKey(record));
    return { claimed: false, record: { ...fromJsonColumns<RunRecord>(existing), etag: existing.etag } };
  }

  async updateRunRecord(record: RunRecord, etag: string): Promise<StoredRunRecord> {
    const client = await this.tables('RunRecords');
    const what = `Run record ${record.fleetId} ${record.target.kind} ${record.target.version}`;
    try {
      const actions: TransactionAction[] = [['update', this.runEntity(record), 'Replace', { etag }], ['upsert', this.indexEntity(record), 'Replace']];
      const res = await client.submitTransaction(actions);
      return { ...record, etag: etagOfFirst(res) };
    } catch (error) {
      // Updating a record nobody claimed is as stale as a wrong ETag: the caller must claim (and decide) again.
      if (statusOf(error) === 404) throw new ConcurrencyError(`${what}: not claimed`, { cause: error });
      return rethrowConflict(error, what);
    }
  }

  async listRunRecords(fleetId: string): Promise<readonly StoredRunRecord[]> {
    const client = await this.tables('RunRecords');
    const out: StoredRunRecord[] = [];
    for await (const e of client.listEntities({ queryOptions: { filter: `PartitionKey eq ${odataString(tableKey(fleetId))} and ${RECORD_ROWS}` } })) {
      out.push({ ...fromJsonColumns<RunRecord>(e), etag: e.etag });
    }
    // Newest first: the fleet view and the "one run per target" checks read the latest records.
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.runName.localeCompare(b.runName));
  }

  async getRunRecord(fleetId: string, runName: string): Promise<RunRecord | undefined> {
    const client = await this.tables('RunRecords');
    await this.ensureIndexed(client, fleetId);
    try {
      return fromJsonColumns<RunRecord>(await client.getEntity(tableKey(fleetId), runIndexKey(runName)));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /**
   * Records written before the run-name index existed (no `indexed` column) get their index row once per fleet: each
   * copy is written in a transaction that marks the record `indexed` under its ETag, so a record changed meanwhile
   * (whose writer wrote its own index row) is not overwritten with the older copy. Then the marker, so later
   * processes skip the scan; until it exists any instance may redo this.
   */
  private ensureIndexed(client: TableClient, fleetId: string): Promise<void> {
    const partition = tableKey(fleetId);
    return this.indexed.run(partition, () => this.indexOnce(client, partition));
  }

  private async indexOnce(client: TableClient, partition: string): Promise<void> {
    try {
      await client.getEntity(partition, INDEXED_MARKER);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      for await (const e of client.listEntities({ queryOptions: { filter: `PartitionKey eq ${odataString(partition)} and ${RECORD_ROWS}` } })) {
        if (e.indexed === true) continue;
        const record = fromJsonColumns<RunRecord>(e);
        try {
          await client.submitTransaction([
            ['update', { partitionKey: partition, rowKey: e.rowKey as string, indexed: true }, 'Merge', { etag: e.etag }],
            ['upsert', this.indexEntity(record), 'Replace'],
          ]);
        } catch (migrationError) {
          if (statusOf(migrationError) !== 412) throw migrationError; // changed meanwhile: its writer indexed it
        }
      }
      await client.upsertEntity({ partitionKey: partition, rowKey: INDEXED_MARKER }, 'Replace');
    }
  }

  async putEvaluation(evaluation: FleetReleaseEvaluation): Promise<void> {
    const client = await this.tables('ReleaseEvaluations');
    const row = { partitionKey: tableKey(evaluation.fleetId), rowKey: 'latest', evaluatedAt: evaluation.evaluatedAt, outcome: evaluation.outcome, ...toJsonColumns(evaluation) };
    // Replace, not merge: a shorter document must not keep stale JSON parts of a longer one.
    await client.upsertEntity(row, 'Replace');
  }

  async getEvaluation(fleetId: string): Promise<FleetReleaseEvaluation | undefined> {
    const client = await this.tables('ReleaseEvaluations');
    try {
      return fromJsonColumns<FleetReleaseEvaluation>(await client.getEntity(tableKey(fleetId), 'latest'));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async getPause(fleetId: string): Promise<FleetPause | undefined> {
    const client = await this.tables('ReleaseEvaluations');
    try {
      return fromJsonColumns<FleetPause>(await client.getEntity(tableKey(fleetId), 'pause'));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async putPause(fleetId: string, pause: FleetPause | undefined): Promise<void> {
    const client = await this.tables('ReleaseEvaluations');
    if (pause) {
      await client.upsertEntity({ partitionKey: tableKey(fleetId), rowKey: 'pause', ...toJsonColumns(pause) }, 'Replace');
      return;
    }
    try {
      await client.deleteEntity(tableKey(fleetId), 'pause');
    } catch (error) {
      if (statusOf(error) !== 404) throw error; // not paused: nothing to clear
    }
  }

  private async insertFirstSeen(client: TableClient, entry: FirstSeen): Promise<void> {
    const row = { partitionKey: regionKey(entry.region), rowKey: encodeURIComponent(entry.version), region: regionKey(entry.region), version: entry.version, firstSeenAt: entry.firstSeenAt };
    try {
      await client.createEntity(row);
    } catch (error) {
      if (statusOf(error) !== 409) throw error; // another poller recorded it first: its time stands
    }
  }

  private indexEntity(record: RunRecord): Record<string, unknown> & { partitionKey: string; rowKey: string } {
    return { ...this.runEntity(record), rowKey: runIndexKey(record.runName) };
  }

  private runEntity(record: RunRecord): Record<string, unknown> & { partitionKey: string; rowKey: string } {
    return {
      partitionKey: tableKey(record.fleetId),
      rowKey: runRowKey(record),
      state: record.state,
      runName: record.runName,
      createdAt: record.createdAt,
      // Written with its index row (a row without this column predates it: see ensureIndexed).
      indexed: true,
      ...toJsonColumns(record),
    };
  }
}
