import { ReasonCode } from '../../domain/versions/reasons';
import type { PreflightArea } from '../../domain/preflight/preflightFinding';
import { gateSchemas } from './openApiGateSchemas';
import { operatorSchemas } from './openApiOperatorSchemas';
import { diagnosisSchemas } from './openApiDiagnosisSchemas';
import {
  anyValue,
  arrayOf,
  bool,
  dateTime,
  everyValue,
  int,
  mapOf,
  object,
  openObject,
  str,
  stringEnum,
  type Properties,
  type Schema,
} from './openApiSchemaKit';
import { ref, type SchemaName } from './openApiSchemaNames';

// `components/schemas`: one schema per response type of the operator API, mirroring the TypeScript types
// (src/app/history, src/app/fleets, src/app/getHealth, src/domain/history, src/ports/state). Property names,
// optionality and nesting match those types exactly; test/unit/functions/openApi.test.ts validates typed samples.

/** Fleet UpdateState values, as Fleet reports a run's state. */
const PREFLIGHT_AREAS = everyValue<PreflightArea>()(['permissions', 'groups', 'versions', 'autoUpgrade', 'maintenance', 'workspace']);
const UPDATE_STATES = ['NotStarted', 'Running', 'Stopping', 'Stopped', 'Skipped', 'Failed', 'Pending', 'Completed', 'Deleted'];

const statusTimes: Properties = { state: str('Fleet UpdateState') };
const statusTimesOptional: Properties = { startTime: dateTime(), completedTime: dateTime() };
const reasons = (description?: string): Schema => arrayOf(ref('Reason'), description);

const fleetSummary = {
  required: { name: str(), fleetId: str('Fleet ARM id'), strategy: str('The update strategy Conductor runs with') },
  optional: { releaseMode: stringEnum(['explicit', 'profile']), channel: str() },
} as const;

const plannedMembers = (description: string): Schema => arrayOf(ref('PlannedMemberView'), description);

export const schemas: Record<SchemaName, Schema> = {
  Problem: {
    ...object(
      { type: { type: 'string', format: 'uri-reference' }, title: str(), status: { type: 'integer', minimum: 400, maximum: 599 }, detail: str() },
      { instance: str(), errors: arrayOf(ref('ParameterError'), '400 only: one entry per bad parameter') },
      'RFC 9457 problem details: the body of every 4xx/5xx answer.',
    ),
    // RFC 9457 lets problems carry extension members.
    additionalProperties: true,
  },
  ParameterError: object({ parameter: str('The parameter name, as in the request'), message: str() }),
  UpdateState: stringEnum(UPDATE_STATES, 'Fleet UpdateState of a run; `Deleted` (history only) once Fleet no longer has it'),
  UpgradeTarget: object(
    { kind: stringEnum(['kubernetes', 'nodeimage']), version: str('Kubernetes `1.33.4` or node image `202511.02.0`') },
    {},
    'What a run upgrades to.',
  ),
  Reason: object(
    { code: stringEnum(Object.values(ReasonCode), 'Stable reason code: never renamed once shipped'), message: str('A full sentence') },
    {
      version: str(),
      regions: arrayOf(str(), 'Sorted'),
      member: str('Fleet member name'),
      until: dateTime('When the condition is expected to clear, if known'),
      matched: str('The blocklist entry, window name or run name that caused the reason'),
    },
    'Why a version, a member or a run was (not) chosen.',
  ),
  RunSummary: object(
    { fleet: str(), run: str(), state: str('Fleet UpdateState (see UpdateState)'), createdAt: dateTime(), createdBy: str(), observedAt: dateTime() },
    { target: ref('UpgradeTarget'), startedAt: dateTime(), completedAt: dateTime() },
    'One line of `GET /runs`.',
  ),
  RunPage: object(
    { items: arrayOf(ref('RunSummary'), 'Newest first') },
    { continuationToken: str('Pass back for the next page; absent on the last page') },
  ),
  StatusTimes: object(statusTimes, statusTimesOptional, 'Start/end of anything in a run, as Fleet reports it; every status node below carries these fields.'),
  MemberSnapshot: object(
    { ...statusTimes, name: str() },
    { ...statusTimesOptional, clusterResourceId: str(), message: str(), error: object({}, { code: str(), message: str() }) },
  ),
  GateEntrySnapshot: object(
    { ...statusTimes, displayName: str(), timing: stringEnum(['Before', 'After']) },
    { ...statusTimesOptional, gateId: str("The gate's GUID, once the run reached it") },
    'A Fleet gate entry inside the run status.',
  ),
  GroupSnapshot: object(
    { ...statusTimes, name: str(), members: arrayOf(ref('MemberSnapshot')), gates: arrayOf(ref('GateEntrySnapshot')) },
    statusTimesOptional,
  ),
  StageSnapshot: object(
    { ...statusTimes, name: str(), groups: arrayOf(ref('GroupSnapshot')), gates: arrayOf(ref('GateEntrySnapshot')) },
    { ...statusTimesOptional, afterStageWait: object(statusTimes, { ...statusTimesOptional, waitDurationInSeconds: int(0) }) },
  ),
  RunSnapshot: object(
    {
      ...statusTimes,
      fleetName: str(),
      fleetId: str('Fleet ARM id'),
      runName: str(),
      createdAt: dateTime('When Fleet created the run, or first seen by Conductor'),
      observedAt: dateTime(),
      createdBy: str('`fleet-conductor`, `auto-upgrade-profile:<name>`, or who Fleet says'),
      stages: arrayOf(ref('StageSnapshot')),
    },
    { ...statusTimesOptional, target: ref('UpgradeTarget'), lastSeenAt: dateTime('Set when the run was deleted in Azure (state `Deleted`): when Fleet last listed it') },
    'An update run as Conductor last observed it in Fleet; `Deleted` (not a Fleet state) once Fleet no longer has it.',
  ),
  RunCreation: object(
    {
      trigger: object({ kind: str(), eventIds: arrayOf(str()) }),
      explanation: reasons("The policy's explanation"),
      createdBy: str(),
      createdAt: dateTime(),
      attempt: int(1),
    },
    {},
    'What triggered a run Conductor created.',
  ),
  TimelineEntry: object({
    at: dateTime(),
    scope: str('`run` | `stage` | `group` | `member` | `gate` | `audit`'),
    subject: str('e.g. `canary`, `canary/prod-us`, `canary/prod-us/member-1`, a gate displayName'),
    what: str(),
  }),
  GateDetail: object({ state: ref('GateState'), evidence: arrayOf(ref('GateEvidence')) }, {}, 'A gate of the run as Conductor decided it, with its evidence.'),
  ...gateSchemas,
  ...operatorSchemas,
  ...diagnosisSchemas,
  AuditEvent: object(
    { id: str(), at: dateTime(), fleetId: str(), runName: str(), kind: str('e.g. GateTransition, GateCompleted, RunStopped'), actor: str(), message: str() },
    { gateId: str(), data: { type: 'object', additionalProperties: anyValue() } },
    'One entry of an audit trail.',
  ),
  AuditEventList: object({ items: arrayOf(ref('AuditEvent'), 'Oldest first') }),
  RunDetail: object(
    {
      run: ref('RunSnapshot'),
      gates: arrayOf(ref('GateDetail')),
      approvals: arrayOf(ref('ApprovalView'), 'Approval requests of the run\'s gates with their decisions'),
      events: arrayOf(ref('AuditEvent')),
      timeline: arrayOf(ref('TimelineEntry'), 'Everything above merged in time order'),
    },
    { creation: ref('RunCreation'), diagnosis: ref('RunDiagnosis') },
    'Everything known about one run.',
  ),
  StopAccepted: object({ fleet: str(), run: str(), state: str('The run state after the stop request (Fleet UpdateState)') }),
  FleetSummary: object(fleetSummary.required, fleetSummary.optional, 'One line of `GET /fleets`.'),
  FleetList: object({ items: arrayOf(ref('FleetSummary')) }),
  FleetMemberView: object(
    { name: str(), clusterResourceId: str(), nodeImageVersions: arrayOf(str()) },
    { group: str(), region: str(), kubernetesVersion: str(), autoUpgradeChannel: str("The member's own AKS auto-upgrade channel when it is on") },
  ),
  FleetRelease: object(
    { evaluatedAt: dateTime(), outcome: str(), reasons: reasons('Why not (yet)'), warnings: reasons() },
    { target: ref('UpgradeTarget'), runName: str() },
    'The latest release evaluation of a fleet.',
  ),
  FleetView: object(
    {
      ...fleetSummary.required,
      members: arrayOf(ref('FleetMemberView')),
      versions: mapOf({ type: 'integer', minimum: 0 }, 'Kubernetes version → number of members on it'),
      drift: bool('True when members run different Kubernetes versions'),
      alerts: arrayOf(ref('AuditEvent'), 'Fleet-level trail'),
      unknownMembers: arrayOf(str(), 'Members Fleet lists whose cluster AKS does not return'),
    },
    { ...fleetSummary.optional, release: ref('FleetRelease'), blocked: ref('FleetBlocked'), paused: ref('FleetPause'), preflight: ref('StoredPreflight') },
  ),
  PlannedStage: object({ name: str(), groups: arrayOf(object({ name: str(), members: arrayOf(str()) })) }),
  PlannedMemberView: object({ name: str(), current: str('The version the member runs now'), reasons: reasons() }),
  FleetPlan: object(
    {
      fleet: str(),
      evaluatedAt: dateTime(),
      outcome: str('createRun | alreadyRunning | wait | upToDate | invalidPolicy'),
      stages: arrayOf(ref('PlannedStage')),
      upgrade: plannedMembers('Members the run would upgrade'),
      skip: plannedMembers('Members the run would skip'),
      pending: plannedMembers('Members that would sit Pending'),
      reasons: reasons(),
      warnings: reasons(),
    },
    { target: ref('UpgradeTarget'), runName: str() },
    'Dry run: the run that would be created now, and what would happen to each member.',
  ),
  PreflightFinding: object(
    {
      area: stringEnum(PREFLIGHT_AREAS),
      code: str('Stable code, e.g. MissingPermission, GroupCaseMismatch, TargetTooFar, MemberAutoUpgradeOn, MaintenanceWindowClosed, NoData'),
      severity: stringEnum(['error', 'warning']),
      subject: str('The member, group, scope or workspace concerned'),
      message: str(),
      evidence: openObject({}, {}, 'What was observed (the scope and action, the groups, the versions, the window, the last row time)'),
      fix: str('What to change'),
    },
    {},
    'One thing that would make a run fail, stall or go unguarded.',
  ),
  PreflightReport: object(
    {
      fleet: str(),
      fleetId: str(),
      checkedAt: dateTime(),
      plannedAt: dateTime('When maintenance windows were evaluated (the `at` parameter, default now)'),
      checked: arrayOf(stringEnum(PREFLIGHT_AREAS), 'The areas that could be checked (an area whose reads were refused is absent; its refusal is a permissions finding)'),
      findings: arrayOf(ref('PreflightFinding')),
    },
    {},
    'Preflight of a fleet: empty `findings` over every `checked` area means nothing found.',
  ),
  FunctionInfo: object(
    { name: str(), trigger: stringEnum(['http', 'timer', 'eventGrid']) },
    { route: str(), methods: arrayOf(str()), authLevel: str(), schedule: str() },
  ),
  TimerRun: object(
    { functionName: str(), schedule: str(), startedAt: dateTime(), finishedAt: dateTime(), isPastDue: bool(), outcome: stringEnum(['Succeeded', 'Failed']) },
    { error: str('The error message when outcome is Failed') },
  ),
  TimerStatus: object({ name: str(), schedule: str() }, { lastRun: ref('TimerRun') }, '`lastRun` is absent until the timer has run once.'),
  HealthReport: object(
    {
      status: stringEnum(['ok', 'degraded'], '`degraded` when state storage cannot be read, a fleet is blocked by a held run, or a gate is held Inconclusive'),
      version: str(),
      checkedAt: dateTime(),
      functions: arrayOf(ref('FunctionInfo')),
      timers: arrayOf(ref('TimerStatus')),
      problems: arrayOf(str()),
      approvals: object({ enabled: bool() }, { reason: str('Names the setting (e.g. an unresolved Key Vault reference in APPROVAL_TOKEN_KEY)'), misconfigured: bool() }),
      callers: object(
        { source: { type: ['string', 'null'], enum: ['appServiceAuthentication', 'localDevelopment', null], description: 'CONDUCTOR_PRINCIPAL_SOURCE' }, trusted: bool() },
        { reason: str('Why approval and operator routes refuse every caller') },
      ),
    },
  ),
};
