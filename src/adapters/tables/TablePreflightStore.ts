import type { PreflightStore, StoredPreflight } from '../../ports';
import { fromJsonColumns, toJsonColumns } from './jsonColumns';
import type { TableClientFactory } from './tableClientFactory';
import { statusOf } from './tableErrors';
import { tableKey } from './tableKey';

/** PreflightStore in Azure Table Storage: table `<prefix>Preflight`, partition = the fleet, row = `latest`. */
export class TablePreflightStore implements PreflightStore {
  constructor(private readonly tables: TableClientFactory) {}

  async putPreflight(stored: StoredPreflight): Promise<void> {
    const client = await this.tables('Preflight');
    const row = { partitionKey: tableKey(stored.report.fleetId), rowKey: 'latest', checkedAt: stored.report.checkedAt, configHash: stored.configHash, ...toJsonColumns(stored) };
    // Replace, not merge: a shorter document must not keep stale JSON parts of a longer one.
    await client.upsertEntity(row, 'Replace');
  }

  async getPreflight(fleetId: string): Promise<StoredPreflight | undefined> {
    const client = await this.tables('Preflight');
    try {
      return fromJsonColumns<StoredPreflight>(await client.getEntity(tableKey(fleetId), 'latest'));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}
