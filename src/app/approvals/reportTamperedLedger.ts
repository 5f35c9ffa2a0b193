import type { GateRef } from '../../domain/gates/gateIdentity';
import type { AppLog, AuditLog, Clock, LedgerIntegrityError } from '../../ports';

/**
 * Records that a gate's approval ledger failed its integrity check (audited and logged as a warning), so an operator
 * sees it in the run's trail. The ledger is not used: its gate keeps waiting. One event per gate and problem per
 * minute at most (deterministic id), since every reconcile and every page view would otherwise report it again.
 */
export async function reportTamperedLedger(
  deps: { readonly audit: AuditLog; readonly clock: Clock; readonly log: AppLog },
  gate: GateRef,
  error: LedgerIntegrityError,
  where: string,
): Promise<void> {
  const now = deps.clock.nowIso();
  deps.log.warn(`${error.message} (${where})`, { runName: gate.runName });
  await deps.audit.appendAuditEvents([
    {
      id: `approval-ledger-tampered:${gate.gateId.toLowerCase()}:${error.problem}:${now.slice(0, 16)}`,
      at: now,
      fleetId: gate.fleetId,
      runName: gate.runName,
      gateId: gate.gateId,
      kind: 'ApprovalLedgerTampered',
      actor: 'fleet-conductor',
      message: `${error.message}; seen by ${where}. The gate is not decided from it: an operator must review the row and the audit trail`,
      data: { problem: error.problem, where },
    },
  ]);
}
