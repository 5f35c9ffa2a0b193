import type { ApprovalLedger } from '../../../src/domain/approvals/approvalLedger';
import { ConcurrencyError, type ApprovalStore, type StoredApprovalLedger } from '../../../src/ports';

/** ApprovalStore in memory with real ETag semantics (the twin of TableApprovalStore in the contract suite). */
export class InMemoryApprovalStore implements ApprovalStore {
  private readonly ledgers = new Map<string, StoredApprovalLedger>();
  private readonly callbackIds = new Map<string, string>();
  private nextEtag = 1;

  private key(fleetId: string, gateId: string): string {
    return `${fleetId.toLowerCase()}|${gateId.toLowerCase()}`;
  }

  getLedger(fleetId: string, gateId: string): Promise<StoredApprovalLedger | undefined> {
    return Promise.resolve(this.ledgers.get(this.key(fleetId, gateId)));
  }

  createLedger(ledger: ApprovalLedger): Promise<StoredApprovalLedger> {
    const key = this.key(ledger.gate.fleetId, ledger.gate.gateId);
    if (this.ledgers.has(key)) return Promise.reject(new ConcurrencyError(`Approval ledger of gate ${ledger.gate.gateId}: already exists`));
    return Promise.resolve(this.put(key, ledger));
  }

  replaceLedger(ledger: ApprovalLedger, etag: string): Promise<StoredApprovalLedger> {
    const key = this.key(ledger.gate.fleetId, ledger.gate.gateId);
    const current = this.ledgers.get(key);
    if (!current || current.etag !== etag) {
      return Promise.reject(new ConcurrencyError(`Approval ledger of gate ${ledger.gate.gateId}: changed by another writer`));
    }
    return Promise.resolve(this.put(key, ledger));
  }

  rememberCallbackId(id: string, at: string): Promise<boolean> {
    if (this.callbackIds.has(id)) return Promise.resolve(false);
    this.callbackIds.set(id, at);
    return Promise.resolve(true);
  }

  private put(key: string, ledger: ApprovalLedger): StoredApprovalLedger {
    // Stored as a JSON copy, like the table: callers cannot mutate what is stored.
    const stored = { ledger: JSON.parse(JSON.stringify(ledger)) as ApprovalLedger, etag: `W/"${this.nextEtag++}"` };
    this.ledgers.set(key, stored);
    return stored;
  }
}
