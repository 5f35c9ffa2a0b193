import { expire } from '../../domain/approvals/decideApprovalRequest';
import { expiryAuditEvent } from '../../domain/approvals/approvalAuditEvent';
import type { ApprovalObservation } from '../../domain/approvals/decideApprovalRequest';
import type { GateState } from '../../domain/gates/gateState';
import { ConcurrencyError, LedgerIntegrityError, type StoredApprovalLedger } from '../../ports';
import { reportTamperedLedger } from './reportTamperedLedger';
import type { ApprovalDeps } from './approvalDeps';
import { ledgerObservation } from './ledgerObservation';

const WAITING = new Set(['AwaitingApproval', 'Soaking', 'Checking']);

/**
 * For a gate waiting on a human: closes its request as expired once due (the reconcile timer is the wake-up; audited
 * once) and returns what the closed request means for the gate. Undefined while the request is open, or when
 * the gate is not waiting for one.
 */
export async function approvalObservation(
  deps: Pick<ApprovalDeps, 'approvals' | 'audit' | 'clock' | 'log'>,
  state: GateState,
): Promise<ApprovalObservation | undefined> {
  if (state.approval === undefined || !WAITING.has(state.phase.name)) return undefined;
  let stored: StoredApprovalLedger | undefined;
  try {
    stored = await deps.approvals.store.getLedger(state.gate.fleetId, state.gate.gateId);
  } catch (error) {
    // An edited ledger means nothing for the gate (it keeps waiting); the operator sees the audited refusal.
    if (!(error instanceof LedgerIntegrityError)) throw error;
    await reportTamperedLedger(deps, state.gate, error, 'the gate reconcile');
    return undefined;
  }
  if (stored === undefined) return undefined;
  if (stored.ledger.outcome !== undefined) return ledgerObservation(stored.ledger);
  const now = deps.clock.nowIso();
  const result = expire(stored.ledger, now);
  if (result.kind !== 'expired' || result.observation === undefined) return undefined;
  try {
    await deps.approvals.store.replaceLedger(result.next, stored.etag);
  } catch (error) {
    // Someone decided meanwhile: the next reconcile reads what they decided.
    if (error instanceof ConcurrencyError) return undefined;
    throw error;
  }
  const event = expiryAuditEvent(stored.ledger, result, now);
  if (event !== undefined) await deps.audit.appendAuditEvents([event]);
  return result.observation;
}
