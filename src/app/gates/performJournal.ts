import type { FleetGate, FleetUpdateRun, JournalEntry } from '../../ports';
import type { GateState } from '../../domain/gates/gateState';
import { openApprovalRequest } from '../approvals/openApprovalRequest';
import type { GateDeps } from './gateDeps';

/** What this reconcile observed of Fleet, so commands Fleet already carried out are not sent again on replay. */
export interface FleetView {
  gate: FleetGate | undefined;
  run: FleetUpdateRun | undefined;
}

const STOPPED = new Set(['stopping', 'stopped']);

/**
 * Carries out journaled effects in order. Records are idempotent by the entry id (audit, notification, evidence);
 * Fleet commands are idempotent and skipped when Fleet already shows them done. A failure throws with the journal
 * still stored, so the next reconcile replays what is left. `state` is the state the journal was saved with (an
 * approval request records its version as the evidence version and its requestedAt).
 */
export async function performJournal(deps: GateDeps, entries: readonly JournalEntry[], view: FleetView, state?: GateState): Promise<void> {
  for (const { id, action } of entries) {
    switch (action.kind) {
      case 'audit': {
        const e = action.event;
        await deps.audit.appendAuditEvents([
          {
            id,
            at: e.at,
            fleetId: e.gate.fleetId,
            runName: e.gate.runName,
            kind: 'GateTransition',
            actor: 'conductor',
            message: e.message,
            gateId: e.gate.gateId,
            data: { from: e.from, to: e.to, reason: e.reason },
          },
        ]);
        break;
      }
      case 'notify':
        await deps.outbox.enqueue([
          { id, createdAt: deps.clock.nowIso(), channel: 'notifications', payload: { severity: action.severity, reason: action.reason, message: action.message, gate: action.gate } },
        ]);
        break;
      case 'requestApproval':
        if (deps.approvals !== undefined && state !== undefined) {
          await openApprovalRequest({ ...deps, approvals: deps.approvals }, id, action, state, view.run?.target);
          break;
        }
        await deps.outbox.enqueue([
          { id, createdAt: deps.clock.nowIso(), channel: 'approvals', payload: { policyId: action.policyId, gate: action.gate, checks: action.checks, approval: action.approval } },
        ]);
        break;
      case 'recordEvidence':
        await deps.evidence.putEvidence({ gate: action.gate, measurement: action.measurement, at: action.at, evaluations: action.evaluations });
        break;
      case 'completeFleetGate':
        if (view.gate?.state !== 'Completed') {
          await deps.fleet.completeGate(action.gate.fleetId, action.gate.gateId);
          if (view.gate) view.gate = { ...view.gate, state: 'Completed' };
        }
        break;
      case 'stopRun':
        if (!STOPPED.has(view.run?.state.toLowerCase() ?? '')) {
          await deps.fleet.stopUpdateRun(action.gate.fleetId, action.gate.runName);
          if (view.run) view.run = { ...view.run, state: 'Stopping' };
          deps.log.warn(`Stopped update run ${action.gate.runName}: ${action.message}`, { gateId: action.gate.gateId, reason: action.reason });
        }
        break;
      case 'skipGateTarget':
        if (view.gate?.state !== 'Skipped') {
          await deps.fleet.skipUpdateRun(action.gate.fleetId, action.gate.runName, [action.target]);
        }
        break;
      case 'scheduleWakeUp':
        // No per-gate timers exist in Functions; the reconcile timer (RECONCILE_SCHEDULE) is the wake-up.
        break;
      case 'runChecks':
        // Never journaled: checks are reads, re-requested by the state machine itself when unanswered.
        break;
      default: {
        const unreachable: never = action;
        return unreachable;
      }
    }
  }
}
