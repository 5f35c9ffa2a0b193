import { createHash } from 'node:crypto';
import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import type { RunSnapshot } from '../../domain/history/runSnapshot';
import { FINISHED_RUN_STATES, InvalidContinuationTokenError, type RunHistoryQuery, type RunHistoryStore } from '../../ports';
import { fromJsonColumns, toJsonColumns } from './jsonColumns';
import type { TableClientFactory } from './tableClientFactory';
import { statusOf } from './tableErrors';
import { odataString } from './tableKey';

// Inverted creation time: Table Storage returns a partition in row-key order, so the newest run comes first.
const MAX_MS = 9_999_999_999_999;
const inverted = (iso: string): string => String(MAX_MS - Date.parse(iso)).padStart(13, '0');
const ALL = 'all';
// Table Storage's entity-group transaction limit (and 4 MiB; runs are a few KB each, 100 stay well below).
const BATCH = 100;
const fleetPartition = (fleet: string): string => `fleet|${fleet.toLowerCase()}`;

interface TokenBody {
  readonly s: string;
  readonly q: string;
}

/**
 * Run history in table `<prefix>Runs`, designed for the two queries that matter:
 * - "newest N runs of a fleet": partition `fleet|<name>`, rows `t|<inverted created>|<run>` (one partition scan);
 * - "newest N runs of all fleets": partition `all`, rows `t|<inverted created>|<fleet>|<run>`;
 * - "one run": partition `fleet|<name>`, row `run|<run>` holding the full snapshot;
 * - "unfinished runs of a fleet": partition `fleet|<name>`, rows `active|<run>` (deleted when the run finishes), so
 *   the reconcile tick knows which runs to read without a query that grows with history.
 * Each observation writes the three rows (upsert). Filters on state/since run server-side; pages come from the
 * service's own continuation token, wrapped with a hash of the query so a token cannot be replayed on another query.
 */
export class TableRunHistory implements RunHistoryStore {
  constructor(private readonly tables: TableClientFactory) {}

  upsertRun(snapshot: RunSnapshot): Promise<void> {
    return this.upsertRuns([snapshot]);
  }

  /** Writes the three rows of every run, grouped per partition into entity-group transactions of up to 100 rows. */
  async upsertRuns(snapshots: readonly RunSnapshot[]): Promise<void> {
    const client = await this.tables('Runs');
    const byPartition = new Map<string, Map<string, TableEntity>>();
    const put = (entity: TableEntity): void => {
      const rows = byPartition.get(entity.partitionKey) ?? new Map<string, TableEntity>();
      rows.set(entity.rowKey, entity); // a run listed twice keeps its last snapshot: one row key per transaction
      byPartition.set(entity.partitionKey, rows);
    };
    for (const snapshot of snapshots) {
      const fleet = snapshot.fleetName.toLowerCase();
      const t = inverted(snapshot.createdAt);
      const columns = { state: snapshot.state, fleet, run: snapshot.runName, createdAt: snapshot.createdAt, ...toJsonColumns(snapshot) };
      put({ partitionKey: fleetPartition(fleet), rowKey: `run|${snapshot.runName}`, ...columns });
      put({ partitionKey: fleetPartition(fleet), rowKey: `t|${t}|${snapshot.runName}`, ...columns });
      put({ partitionKey: ALL, rowKey: `t|${t}|${fleet}|${snapshot.runName}`, ...columns });
      if (!FINISHED_RUN_STATES.includes(snapshot.state)) put({ partitionKey: fleetPartition(fleet), rowKey: `active|${snapshot.runName}`, state: snapshot.state });
    }
    const finished = snapshots.filter((s) => FINISHED_RUN_STATES.includes(s.state));
    const batches: TransactionAction[][] = [];
    for (const rows of byPartition.values()) {
      const actions = [...rows.values()].map((e): TransactionAction => ['upsert', e, 'Replace']);
      for (let i = 0; i < actions.length; i += BATCH) batches.push(actions.slice(i, i + BATCH));
    }
    await Promise.all(batches.map((b) => (b.length === 1 ? client.upsertEntity(b[0]?.[1] as TableEntity, 'Replace') : client.submitTransaction(b))));
    // After the snapshot rows are written: a crash in between leaves the run listed as active one tick longer, never missing.
    await Promise.all(
      finished.map(async (s) => {
        try {
          await client.deleteEntity(fleetPartition(s.fleetName), `active|${s.runName}`);
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
        }
      }),
    );
  }

  /**
   * The `all` partition lists runs newest first, so the runs created before `before` are the range after
   * `t|<inverted before>|~`: one query of at most `limit` rows. Each fleet's rows go in transactions of up to 100
   * deletes, then the `all` rows; a crash in between leaves `all` rows that the next call deletes (deleting is
   * idempotent: a row already gone is not an error).
   */
  async pruneRuns(before: string, limit: number): Promise<number> {
    const client = await this.tables('Runs');
    const finished = FINISHED_RUN_STATES.map((state) => `state eq ${odataString(state)}`).join(' or ');
    const filter = `PartitionKey eq '${ALL}' and RowKey gt ${odataString(`t|${inverted(before)}|~`)} and RowKey lt 't}' and (${finished})`;
    const page = await client.listEntities<{ fleet: string; run: string }>({ queryOptions: { filter, select: ['RowKey', 'fleet', 'run'] } }).byPage({ maxPageSize: limit }).next();
    const rows = page.done === true ? [] : page.value.slice(0, limit);
    const byFleet = new Map<string, string[]>();
    for (const e of rows) {
      const t = String(e.rowKey).split('|')[1] ?? '';
      const keys = byFleet.get(e.fleet) ?? [];
      keys.push(`run|${e.run}`, `t|${t}|${e.run}`);
      byFleet.set(e.fleet, keys);
    }
    for (const [fleet, keys] of byFleet) await deleteRows(client, fleetPartition(fleet), keys);
    await deleteRows(client, ALL, rows.map((e) => String(e.rowKey)));
    return rows.length;
  }

  async listActiveRunNames(fleetName: string): Promise<readonly string[]> {
    const client = await this.tables('Runs');
    const filter = `PartitionKey eq ${odataString(fleetPartition(fleetName))} and RowKey ge 'active|' and RowKey lt 'active}'`;
    const names: string[] = [];
    for await (const e of client.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) names.push(String(e.rowKey).slice('active|'.length));
    return names.sort();
  }

  async getRun(fleetName: string, runName: string): Promise<RunSnapshot | undefined> {
    const client = await this.tables('Runs');
    try {
      return fromJsonColumns<RunSnapshot>(await client.getEntity(fleetPartition(fleetName), `run|${runName}`));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async listRuns(query: RunHistoryQuery): Promise<{ items: readonly RunSnapshot[]; continuationToken?: string }> {
    const client = await this.tables('Runs');
    const partition = query.fleet ? fleetPartition(query.fleet) : ALL;
    const upper = query.since ? `t|${inverted(query.since)}|~` : 't}';
    const clauses = [`PartitionKey eq ${odataString(partition)}`, `RowKey ge 't|'`, `RowKey le ${odataString(upper)}`];
    if (query.state) clauses.push(`state eq ${odataString(query.state)}`);
    const filter = clauses.join(' and ');
    const queryHash = createHash('sha256').update(filter).digest('base64url').slice(0, 16);
    let serviceToken: string | undefined;
    if (query.continuationToken !== undefined) {
      const body = decodeToken(query.continuationToken);
      if (body.q !== queryHash) throw new InvalidContinuationTokenError();
      serviceToken = body.s;
    }
    const pages = client.listEntities({ queryOptions: { filter } }).byPage({ maxPageSize: query.limit, ...(serviceToken ? { continuationToken: serviceToken } : {}) });
    const next = await pages.next();
    if (next.done === true) return { items: [] };
    const page = next.value;
    const items = page.map((e) => fromJsonColumns<RunSnapshot>(e as unknown as Record<string, unknown>));
    const token = page.continuationToken;
    return token ? { items, continuationToken: encodeToken({ s: token, q: queryHash }) } : { items };
  }
}

/** Deletes rows of one partition in transactions of up to 100; a transaction failing on a row already gone is redone row by row. */
async function deleteRows(client: TableClient, partitionKey: string, rowKeys: readonly string[]): Promise<void> {
  for (let i = 0; i < rowKeys.length; i += BATCH) {
    const chunk = rowKeys.slice(i, i + BATCH);
    try {
      await client.submitTransaction(chunk.map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]));
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      for (const rowKey of chunk) {
        try {
          await client.deleteEntity(partitionKey, rowKey);
        } catch (rowError) {
          if (statusOf(rowError) !== 404) throw rowError;
        }
      }
    }
  }
}

function encodeToken(body: TokenBody): string {
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

function decodeToken(token: string): TokenBody {
  try {
    const body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
    if (typeof body.s === 'string' && typeof body.q === 'string') return { s: body.s, q: body.q };
  } catch {
    throw new InvalidContinuationTokenError();
  }
  throw new InvalidContinuationTokenError();
}
