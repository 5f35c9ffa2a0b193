import type { ApprovalLedger } from '../../domain/approvals/approvalLedger';
import type { ApprovalStore, StoredApprovalLedger } from '../../ports';
import { fromJsonColumns, toJsonColumns } from './jsonColumns';
import type { TableClientFactory } from './tableClientFactory';
import { rethrowConflict, statusOf } from './tableErrors';
import { tableKey } from './tableKey';

// Callback ids are case-sensitive (unlike ARM ids), so their row key is encoded but not lower-cased.
const CALLBACK_PARTITION = 'callback';

/**
 * Approval ledgers, table `<prefix>Approvals` (partition: the fleet, row: the gate GUID, like the gate state), and
 * accepted callback ids, table `<prefix>ApprovalCallbacks` (insert-if-absent is what makes replay detection atomic).
 */
export class TableApprovalStore implements ApprovalStore {
  constructor(private readonly tables: TableClientFactory) {}

  async getLedger(fleetId: string, gateId: string): Promise<StoredApprovalLedger | undefined> {
    const client = await this.tables('Approvals');
    try {
      const entity = await client.getEntity(tableKey(fleetId), tableKey(gateId));
      return { ledger: fromJsonColumns<ApprovalLedger>(entity), etag: entity.etag };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async createLedger(ledger: ApprovalLedger): Promise<StoredApprovalLedger> {
    const client = await this.tables('Approvals');
    try {
      const res = await client.createEntity(this.entity(ledger));
      return { ledger, etag: res.etag ?? '' };
    } catch (error) {
      return rethrowConflict(error, `Approval ledger of gate ${ledger.gate.gateId}`);
    }
  }

  async replaceLedger(ledger: ApprovalLedger, etag: string): Promise<StoredApprovalLedger> {
    const client = await this.tables('Approvals');
    try {
      const res = await client.updateEntity(this.entity(ledger), 'Replace', { etag });
      return { ledger, etag: res.etag ?? '' };
    } catch (error) {
      return rethrowConflict(error, `Approval ledger of gate ${ledger.gate.gateId}`);
    }
  }

  async rememberCallbackId(id: string, at: string): Promise<boolean> {
    const client = await this.tables('ApprovalCallbacks');
    try {
      await client.createEntity({ partitionKey: CALLBACK_PARTITION, rowKey: encodeURIComponent(id), acceptedAt: at });
      return true;
    } catch (error) {
      if (statusOf(error) === 409) return false;
      throw error;
    }
  }

  private entity(ledger: ApprovalLedger): Record<string, unknown> & { partitionKey: string; rowKey: string } {
    return {
      partitionKey: tableKey(ledger.gate.fleetId),
      rowKey: tableKey(ledger.gate.gateId),
      requestId: ledger.requestId,
      outcome: ledger.outcome ?? 'open',
      expiresAt: ledger.expiresAt,
      ...toJsonColumns(ledger),
    };
  }
}
