import type { AuditEvent, FleetGate, FleetUpdateRun, JournalEntry } from '../../ports';
import type { AuditAction } from '../../domain/gates/gateActions';
import type { GateObservation } from '../../domain/gates/gateObservation';
import type { GateState } from '../../domain/gates/gateState';
import { isStopping } from '../../domain/runs/fleetRunState';
import { openApprovalRequest } from '../approvals/openApprovalRequest';
import type { GateDeps } from './gateDeps';
import { runGateChecks } from './runGateChecks';

/** What this reconcile observed of Fleet, so commands Fleet already carried out are not sent again on replay. */
export interface FleetView {
  gate: FleetGate | undefined;
  run: FleetUpdateRun | undefined;
}

/**
 * Carries out journaled effects in order, every kind the same way. Records are idempotent by the entry id (audit,
 * notification, evidence); Fleet commands are idempotent and skipped when Fleet already shows them done; runChecks
 * is a read, so running it again on a replay is harmless. A failure throws with the journal still stored, so the next
 * reconcile replays what is left. `state` is the state the journal was saved with (an approval request records its
 * version as the evidence version and its requestedAt). Returns what the effects observed, to decide on next: the
 * `checksEvaluated` of each runChecks.
 */
export async function performJournal(deps: GateDeps, entries: readonly JournalEntry[], view: FleetView, state?: GateState): Promise<GateObservation[]> {
  const observed: GateObservation[] = [];
  let audited = false;
  for (const { id, action } of entries) {
    switch (action.kind) {
      case 'audit': {
        // All the journal's audit events are appended in one call where the first stands (one Table request for a
        // run's events): idempotent by id, so a replay appends only those that are missing. Records need no order
        // among themselves; every Fleet command after the first audit event still comes after all of them.
        if (audited) break;
        audited = true;
        const events: AuditEvent[] = entries.flatMap((e) => (e.action.kind === 'audit' ? [auditEventOf(e.id, e.action)] : []));
        await deps.audit.appendAuditEvents(events);
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
        if (!isStopping(view.run?.state)) {
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
      case 'runChecks': {
        const fleet = deps.config.fleets.find((f) => f.fleetId.toLowerCase() === action.gate.fleetId.toLowerCase());
        if (!fleet) throw new Error(`Fleet ${action.gate.fleetId} is not in the configuration; cannot run the checks of gate ${action.gate.gateId}`);
        observed.push(await runGateChecks(deps.logs, fleet.logAnalyticsWorkspaceId, action));
        break;
      }
      default: {
        const unreachable: never = action;
        return unreachable;
      }
    }
  }
  return observed;
}

function auditEventOf(id: string, action: AuditAction): AuditEvent {
  const e = action.event;
  return {
    id,
    at: e.at,
    fleetId: e.gate.fleetId,
    runName: e.gate.runName,
    kind: 'GateTransition',
    actor: 'conductor',
    message: e.message,
    gateId: e.gate.gateId,
    data: { from: e.from, to: e.to, reason: e.reason },
  };
}
