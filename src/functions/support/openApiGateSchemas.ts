import { CHECK_TYPES, COMPARATORS } from '../../domain/checks/checkSpec';
import { CheckReason, ClusterReason } from '../../domain/checks/checkReasons';
import type { CheckOutcome } from '../../domain/checks/checkEvaluation';
import type { CheckPhase } from '../../domain/gates/checkTally';
import type { ExcludedMember } from '../../domain/gates/clustersForGate';
import type { GatePhaseName } from '../../domain/gates/gateState';
import { GateReason } from '../../domain/gates/gateReasons';
import {
  anyValue,
  arrayOf,
  bool,
  dateTime,
  everyValue,
  int,
  num,
  object,
  openObject,
  str,
  stringEnum,
  type Schema,
} from './openApiSchemaKit';
import { ref, type SchemaName } from './openApiSchemaNames';

// Schemas of a gate as Conductor decided it (GateDetail.state and .evidence). Enumerations come from the domain
// itself, so a reason or check type added there appears here without an edit.

const CHECK_OUTCOMES = everyValue<CheckOutcome>()(['Successful', 'Failed', 'Inconclusive', 'Error']);
const CHECK_PHASES = everyValue<CheckPhase>()(['Running', 'Successful', 'Failed', 'Inconclusive']);
const EXCLUSION_REASONS = everyValue<ExcludedMember['reason']>()(['MemberSkipped', 'NoClusterResourceId', 'UnsafeClusterId', 'DuplicateCluster']);
const GATE_PHASES = everyValue<GatePhaseName>()([
  'Observed',
  'Soaking',
  'Checking',
  'AwaitingApproval',
  'Approving',
  'Passed',
  'Failed',
  'Rejected',
  'Expired',
  'Inconclusive',
  'Bypassed',
  'Cancelled',
]);
const GATE_REASONS = Object.values(GateReason);
const TIMING = ['Before', 'After'];
const errorInfo = (description: string): Schema => object({ message: str() }, { code: str() }, description);

type GateSchemaName =
  | 'GateState'
  | 'GateIdentity'
  | 'GatePhase'
  | 'GateCluster'
  | 'ExcludedMember'
  | 'FailedMember'
  | 'CheckTally'
  | 'GateHistoryEntry'
  | 'PendingCommand'
  | 'GateRef'
  | 'GateEvidence'
  | 'CheckEvaluation'
  | 'ClusterVerdict'
  | 'CheckEvidence';

export const gateSchemas: Record<GateSchemaName, Schema> = {
  GateRef: object({ fleetId: str('Fleet ARM id'), runName: str(), gateId: str('Gate name: a lowercase GUID') }, {}, 'The address of a Fleet gate.'),
  GateIdentity: object(
    {
      fleetId: str('Fleet ARM id (`/subscriptions/../fleets/{fleet}`)'),
      runName: str(),
      gateId: str('Gate name: a lowercase GUID'),
      displayName: str('`conductor:<policy-id>`'),
      policyId: str(),
      stage: str(),
      timing: stringEnum(TIMING),
    },
    { group: str('Set for group gates') },
    'Who a gate is: its Fleet address, its place in the run and its policy.',
  ),
  GatePhase: openObject(
    { name: stringEnum(GATE_PHASES) },
    {
      until: dateTime('Soaking: when the soak ends'),
      measurement: int(1, 'Checking: 1-based number of the current measurement'),
      plannedAt: dateTime('Checking: when the current measurement is due'),
      windowEnd: dateTime('Checking: the query window end, once the checks were requested'),
      requestedAt: dateTime('Checking: when the checks were last requested'),
      since: dateTime('AwaitingApproval, Approving: since when'),
      at: dateTime('Settled phases: when the gate settled'),
      by: str('Rejected: who rejected; Bypassed: the operator who overrode the gate through Conductor'),
      comment: str('Rejected: the comment'),
      reason: str('Bypassed by an operator: the reason given'),
      onExpire: stringEnum(['stop', 'skip', 'hold'], 'Expired: what the policy does on expiry'),
    },
    'The phase of the gate; which fields are present depends on `name`.',
  ),
  GateCluster: object({ clusterId: str(), memberName: str(), state: str('The member state in the run') }),
  ExcludedMember: object({ memberName: str(), state: str(), reason: stringEnum(EXCLUSION_REASONS) }, { clusterId: str() }, 'A member left out of the checks, and why.'),
  FailedMember: object({ memberName: str() }, { clusterId: str() }, 'A member whose upgrade failed: the gate fails.'),
  CheckTally: object(
    {
      name: str(),
      dryRun: bool(),
      phase: stringEnum(CHECK_PHASES),
      count: int(0, 'Measurements that were not Error'),
      successful: int(0),
      failed: int(0),
      inconclusive: int(0),
      errors: int(0),
      consecutiveErrors: int(0),
    },
    { lastOutcome: stringEnum(CHECK_OUTCOMES), reason: stringEnum(GATE_REASONS, 'Set when the check left Running') },
    'Per-check counters (Argo AnalysisRun style).',
  ),
  GateHistoryEntry: object(
    { at: dateTime(), from: stringEnum(GATE_PHASES), to: stringEnum(GATE_PHASES), reason: stringEnum(GATE_REASONS) },
    { message: str() },
    'One phase transition of the gate.',
  ),
  PendingCommand: object(
    {
      action: openObject({ kind: stringEnum(['completeFleetGate', 'stopRun', 'skipGateTarget']), gate: ref('GateRef') }),
      sentAt: dateTime(),
    },
    {},
    'A command sent to Fleet and not yet confirmed by an observation; re-sent until it is.',
  ),
  GateState: object(
    {
      version: int(1, 'Increases by one on every decision that changes the state'),
      gate: ref('GateIdentity'),
      policy: openObject(
        { id: str(), checks: arrayOf(openObject({ name: str(), type: stringEnum(CHECK_TYPES) })), analysis: openObject({}) },
        { approval: openObject({}) },
        'The gate policy as it was when the gate was observed (later config edits do not change a gate in flight).',
      ),
      observedAt: dateTime(),
      clusters: arrayOf(ref('GateCluster')),
      excludedMembers: arrayOf(ref('ExcludedMember')),
      failedMembers: arrayOf(ref('FailedMember')),
      phase: ref('GatePhase'),
      checks: arrayOf(ref('CheckTally')),
      history: arrayOf(ref('GateHistoryEntry')),
    },
    {
      targetNotFound: str('Set when the gated stage/group was not found in the run status'),
      pendingCommand: ref('PendingCommand'),
      approval: object(
        { requestedAt: dateTime() },
        { granted: openObject({ at: dateTime() }, { by: str(), comment: str() }) },
        'Present once approval was requested; `granted` when quorum was reached (possibly before the checks passed).',
      ),
      attempt: int(2, 'The decision cycle: absent for the first; an operator\'s resume or retry starts the next'),
      firstMeasurement: int(1, 'Number of this attempt\'s first measurement (earlier attempts keep their evidence)'),
      previousAttempts: arrayOf(ref('PreviousAttempt'), 'How earlier attempts ended, oldest first'),
    },
    'Everything Conductor knows about one gate.',
  ),
  GateEvidence: object(
    { gate: ref('GateRef'), measurement: int(1), at: dateTime(), evaluations: arrayOf(ref('CheckEvaluation')) },
    {},
    'One measurement of a gate: every check evaluated once.',
  ),
  ClusterVerdict: object(
    { clusterId: str(), value: { type: ['number', 'null'], description: 'Null when there was no usable value' }, outcome: stringEnum(CHECK_OUTCOMES), reason: stringEnum(Object.values(ClusterReason)) },
    {},
    'The verdict for one cluster in one evaluation.',
  ),
  CheckEvidence: object(
    {
      query: str('The exact KQL sent to Log Analytics'),
      window: object({ start: dateTime(), end: dateTime() }),
      columns: arrayOf(str()),
      rows: arrayOf(arrayOf(anyValue()), 'At most 50 rows, in the order Log Analytics returned them'),
      truncatedRows: int(0, 'How many rows were left out of `rows`'),
    },
    { error: errorInfo('Set when the query failed') },
  ),
  CheckEvaluation: object(
    {
      checkName: str(),
      checkType: stringEnum(CHECK_TYPES),
      dryRun: bool('Dry-run evaluations are recorded but never fail the gate'),
      outcome: stringEnum(CHECK_OUTCOMES, 'Error means "could not measure"; it never counts as a pass'),
      reason: stringEnum(Object.values(CheckReason)),
      message: str(),
      comparator: stringEnum(COMPARATORS, 'A cluster passes when `value <comparator> threshold`'),
      threshold: num(),
      perCluster: arrayOf(ref('ClusterVerdict')),
      evidence: ref('CheckEvidence'),
    },
    {},
    'The result of evaluating one check once, for all gated clusters.',
  ),
} satisfies Partial<Record<SchemaName, Schema>>;
