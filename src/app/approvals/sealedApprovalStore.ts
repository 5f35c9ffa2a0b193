import type { ApprovalLedger } from '../../domain/approvals/approvalLedger';
import { ledgerSealInput } from '../../domain/approvals/ledgerSeal';
import { LedgerIntegrityError, type ApprovalStore, type Signer, type StoredApprovalLedger } from '../../ports';

/**
 * The approval store every composition uses: each ledger written carries a seal (Signer.ledgerHmac over
 * ledgerSealInput), and each ledger read must carry a matching one, else LedgerIntegrityError. Whoever can write the
 * table (an operator with data-plane access, a leaked key) can therefore not add, drop or alter a decision: only a
 * holder of the approval key can produce a row Conductor accepts. Rows are never "repaired"; a refused row stays
 * refused until an operator acts (its gate keeps waiting, and the refusal is audited by the caller).
 */
export function sealedApprovalStore(inner: ApprovalStore, signer: Signer | undefined): ApprovalStore {
  const requireSigner = (): Signer => {
    if (signer === undefined) throw new Error('APPROVAL_TOKEN_KEY is not usable: approval ledgers can be neither sealed nor verified, so approvals are disabled');
    return signer;
  };
  const seal = (ledger: ApprovalLedger): ApprovalLedger => ({ ...ledger, seal: requireSigner().ledgerHmac(ledgerSealInput(ledger)) });
  const verified = (stored: StoredApprovalLedger): StoredApprovalLedger => {
    const { ledger } = stored;
    if (ledger.seal === undefined) throw new LedgerIntegrityError(ledger.gate.fleetId, ledger.gate.gateId, 'missingSeal');
    if (!requireSigner().constantTimeEqual(requireSigner().ledgerHmac(ledgerSealInput(ledger)), ledger.seal)) throw new LedgerIntegrityError(ledger.gate.fleetId, ledger.gate.gateId, 'badSeal');
    return stored;
  };
  return {
    async getLedger(fleetId, gateId) {
      const stored = await inner.getLedger(fleetId, gateId);
      return stored === undefined ? undefined : verified(stored);
    },
    createLedger: (ledger) => inner.createLedger(seal(ledger)),
    replaceLedger: (ledger, etag) => inner.replaceLedger(seal(ledger), etag),
    rememberCallbackId: (id, at) => inner.rememberCallbackId(id, at),
  };
}
