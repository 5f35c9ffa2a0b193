import type { GateRef } from '../../domain/gates/gateIdentity';
import type { GateDeps } from '../gates/gateDeps';
import { reconcileGate } from '../gates/reconcileGate';
import { errorMessage } from '../errorMessage';

/**
 * Lets the gate act on a request that just closed, at once. The decision is already stored, so a failure here
 * (Fleet unreachable, a lost race) only delays it: the reconcile timer reads the closed ledger and carries it out.
 * The approver's answer therefore does not depend on Fleet being reachable.
 */
export async function feedGate(deps: GateDeps, gate: GateRef): Promise<void> {
  try {
    await reconcileGate(deps, gate);
  } catch (error) {
    deps.log.warn(`Approval recorded for gate ${gate.gateId}; the gate will act on it at the next reconcile: ${errorMessage(error)}`, {
      runName: gate.runName,
    });
  }
}
