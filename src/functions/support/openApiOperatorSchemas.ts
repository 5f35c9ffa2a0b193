import { HOLD_CAUSES } from '../../domain/runs/runHold';
import type { GatePhaseName } from '../../domain/gates/gateState';
import { arrayOf, bool, dateTime, everyValue, int, object, openObject, str, stringEnum, type Schema } from './openApiSchemaKit';

// Schemas of the operator actions (issue 11): request bodies, the answer, and what the fleet view says about a
// blocked or paused fleet. Mirrors src/app/operator, src/domain/runs and src/ports/releases (FleetPause).

type OperatorSchemaName = 'OperatorReason' | 'SkipRequest' | 'PauseRequest' | 'OperatorResult' | 'FleetBlocked' | 'FleetPause' | 'PreviousAttempt' | 'ApprovalView';

// The phases an attempt can end in when an operator re-arms the gate (rearmGate's REARMABLE_PHASES).
const REARMABLE = everyValue<Extract<GatePhaseName, 'Failed' | 'Rejected' | 'Expired' | 'Cancelled' | 'Inconclusive'>>()(['Failed', 'Rejected', 'Expired', 'Cancelled', 'Inconclusive']);
const reason = str('Why (required; 1-500 characters); audited with the caller and the time');

export const operatorSchemas: Record<OperatorSchemaName, Schema> = {
  OperatorReason: object({ reason }, {}, 'The body of every operator action.'),
  SkipRequest: object(
    { reason, targets: arrayOf(object({ type: stringEnum(['Member', 'Group', 'Stage', 'AfterStageWait']), name: str('For AfterStageWait, the stage name') }), 'Passed to Fleet\'s skip (1-50)') },
    {},
  ),
  PauseRequest: object({ reason }, { stopActive: bool('Also stop the fleet\'s running runs (default false: they are left alone)') }),
  OperatorResult: openObject({}, {}, 'What the action did: the fleet, the run or gate, and the state it is in now.'),
  FleetBlocked: object(
    {
      run: str(),
      since: dateTime('When Conductor first saw the run held for this cause'),
      cause: stringEnum(HOLD_CAUSES),
      why: str(),
      actions: arrayOf(stringEnum(['resume', 'abandon']), 'Operator actions that would unblock the fleet'),
    },
    { gateId: str('The gate that decided it, when a gate did') },
    'A run of the fleet stopped or failed for a reason: nothing starts until an operator resumes or abandons it.',
  ),
  FleetPause: object({ fleetId: str(), at: dateTime(), by: str(), reason: str() }, {}, 'An operator\'s incident freeze of the fleet.'),
  ApprovalView: object(
    {
      gateId: str(),
      gate: str('The gate displayName'),
      policyId: str(),
      requestId: str(),
      requestedAt: dateTime(),
      expiresAt: dateTime(),
      channels: arrayOf(str(), 'Channels the request went to'),
      asked: object({ users: arrayOf(str()), objectIds: arrayOf(str()), groups: arrayOf(str()), quorum: int(1) }, {}, 'Who was asked, and how many approvals are needed'),
      evidenceVersion: int(1, 'The evidence version shown when it was requested'),
      decisions: arrayOf(
        object(
          { by: str(), decision: stringEnum(['approve', 'reject']), at: dateTime(), evidenceVersion: int(1, 'The evidence version the approver saw') },
          { objectId: str(), comment: str() },
        ),
      ),
    },
    { outcome: stringEnum(['granted', 'rejected', 'expired']), closedAt: dateTime(), link: str('The pending request\'s landing page; only for callers with the operator role') },
    'One approval request of a gate of the run, with every decision.',
  ),
  PreviousAttempt: object({
    attempt: int(1),
    observedAt: dateTime(),
    endedPhase: stringEnum(REARMABLE),
    endedAt: dateTime(),
    lastMeasurement: int(0, 'Evidence of that attempt is kept under measurements up to this number'),
    rearmedBy: str(),
    reason: str(),
  }),
};
