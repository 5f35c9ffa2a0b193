import { z } from 'zod';
import { CHECK_TYPES, COMPARATORS } from '../../domain/checks/checkSpec';
import type { CheckOutcome } from '../../domain/checks/checkEvaluation';
import { CheckReason, ClusterReason } from '../../domain/checks/checkReasons';
import type { CheckPhase } from '../../domain/gates/checkTally';
import type { ExcludedMember as Excluded } from '../../domain/gates/clustersForGate';
import type { GatePhaseName } from '../../domain/gates/gateState';
import { GateReason } from '../../domain/gates/gateReasons';
import type { PreflightArea } from '../../domain/preflight/preflightFinding';
import { HOLD_CAUSES } from '../../domain/runs/runHold';
import { ReasonCode } from '../../domain/versions/reasons';
import { UPDATE_STATES } from './requestSchemas';
import type { StuckCauseKind } from '../../domain/diagnosis/runDiagnosis';

// The answers of the HTTP API as zod schemas: `components/schemas` of the OpenAPI document is generated from them
// (openApiDocument). They mirror the TypeScript types of the use cases (src/app/history, src/app/fleets,
// src/app/getHealth, src/domain/history, src/ports/state); enumerations come from the domain, and
// test/integration/api/openApi.test.ts validates typed samples of every answer against the generated document.
// Objects are closed (additional properties refused) because the view models are exact; deep domain records
// (gate policy, pending command) are open and list the fields operators rely on.

/**
 * The values of a string union as a tuple, checked at compile time to name every member: a value added to the
 * domain union fails to compile here until the schema lists it. Usage: `everyValue<CheckOutcome>()([...])`.
 */
function everyValue<T extends string>() {
  return <const L extends readonly [T, ...T[]]>(values: L & ([T] extends [L[number]] ? unknown : never)): L => values;
}

const GATE_PHASES = everyValue<GatePhaseName>()(['Observed', 'Soaking', 'Checking', 'AwaitingApproval', 'Approving', 'Passed', 'Failed', 'Rejected', 'Expired', 'Inconclusive', 'Bypassed', 'Cancelled']);
const CHECK_OUTCOMES = everyValue<CheckOutcome>()(['Successful', 'Failed', 'Inconclusive', 'Error']);
const CHECK_PHASES = everyValue<CheckPhase>()(['Running', 'Successful', 'Failed', 'Inconclusive']);
const EXCLUSION_REASONS = everyValue<Excluded['reason']>()(['MemberSkipped', 'NoClusterResourceId', 'UnsafeClusterId', 'DuplicateCluster']);
const PREFLIGHT_AREAS = everyValue<PreflightArea>()(['permissions', 'groups', 'versions', 'autoUpgrade', 'maintenance', 'workspace']);
const REARMABLE = everyValue<Extract<GatePhaseName, 'Failed' | 'Rejected' | 'Expired' | 'Cancelled' | 'Inconclusive'>>()(['Failed', 'Rejected', 'Expired', 'Cancelled', 'Inconclusive']);

const CAUSE_KINDS = everyValue<StuckCauseKind>()(['GateAwaitingApproval', 'GateInconclusive', 'GateExpiredHeld', 'GatePendingNotOwned', 'MemberPendingVersionNotInRegion', 'MemberPendingMaintenanceWindow', 'MemberPending', 'MemberUpgradeSlow']);

const dateTime = () => z.string().meta({ format: 'date-time' });

const ParameterError = z.strictObject({ parameter: z.string().describe("The parameter name, as in the request"), message: z.string() });

const Problem = z.looseObject({ type: z.string().meta({ format: "uri-reference" }), title: z.string(), status: z.number().int().min(400).max(599), detail: z.string(), instance: z.string().optional(), errors: z.array(ParameterError).describe("400 only: one entry per bad parameter").optional() }).describe("RFC 9457 problem details: the body of every 4xx/5xx answer.");

const UpdateState = z.enum(UPDATE_STATES).describe("Fleet UpdateState of a run; `Deleted` (history only) once Fleet no longer has it");

const UpgradeTarget = z.strictObject({ kind: z.enum(["kubernetes", "nodeimage"]), version: z.string().describe("Kubernetes `1.33.4` or node image `202511.02.0`") }).describe("What a run upgrades to.");

const Reason = z.strictObject({ code: z.enum(ReasonCode).describe("Stable reason code: never renamed once shipped"), message: z.string().describe("A full sentence"), version: z.string().optional(), regions: z.array(z.string()).describe("Sorted").optional(), member: z.string().describe("Fleet member name").optional(), until: dateTime().describe("When the condition is expected to clear, if known").optional(), matched: z.string().describe("The blocklist entry, window name or run name that caused the reason").optional() }).describe("Why a version, a member or a run was (not) chosen.");

const RunSummary = z.strictObject({ fleet: z.string(), run: z.string(), state: z.string().describe("Fleet UpdateState (see UpdateState)"), createdAt: dateTime(), createdBy: z.string(), observedAt: dateTime(), target: UpgradeTarget.optional(), startedAt: dateTime().optional(), completedAt: dateTime().optional() }).describe("One line of `GET /runs`.");

const RunPage = z.strictObject({ items: z.array(RunSummary).describe("Newest first"), continuationToken: z.string().describe("Pass back for the next page; absent on the last page").optional() });

const StatusTimes = z.strictObject({ state: z.string().describe("Fleet UpdateState"), startTime: dateTime().optional(), completedTime: dateTime().optional() }).describe("Start/end of anything in a run, as Fleet reports it; every status node below carries these fields.");

const MemberSnapshot = z.strictObject({ state: z.string().describe("Fleet UpdateState"), name: z.string(), startTime: dateTime().optional(), completedTime: dateTime().optional(), clusterResourceId: z.string().optional(), message: z.string().optional(), error: z.strictObject({ code: z.string().optional(), message: z.string().optional() }).optional() });

const GateEntrySnapshot = z.strictObject({ state: z.string().describe("Fleet UpdateState"), displayName: z.string(), timing: z.enum(["Before", "After"]), startTime: dateTime().optional(), completedTime: dateTime().optional(), gateId: z.string().describe("The gate's GUID, once the run reached it").optional() }).describe("A Fleet gate entry inside the run status.");

const GroupSnapshot = z.strictObject({ state: z.string().describe("Fleet UpdateState"), name: z.string(), members: z.array(MemberSnapshot), gates: z.array(GateEntrySnapshot), startTime: dateTime().optional(), completedTime: dateTime().optional() });

const StageSnapshot = z.strictObject({ state: z.string().describe("Fleet UpdateState"), name: z.string(), groups: z.array(GroupSnapshot), gates: z.array(GateEntrySnapshot), startTime: dateTime().optional(), completedTime: dateTime().optional(), afterStageWait: z.strictObject({ state: z.string().describe("Fleet UpdateState"), startTime: dateTime().optional(), completedTime: dateTime().optional(), waitDurationInSeconds: z.number().int().min(0).optional() }).optional() });

const RunSnapshot = z.strictObject({ state: z.string().describe("Fleet UpdateState"), fleetName: z.string(), fleetId: z.string().describe("Fleet ARM id"), runName: z.string(), createdAt: dateTime().describe("When Fleet created the run, or first seen by Conductor"), observedAt: dateTime(), createdBy: z.string().describe("`fleet-conductor`, `auto-upgrade-profile:<name>`, or who Fleet says"), stages: z.array(StageSnapshot), startTime: dateTime().optional(), completedTime: dateTime().optional(), target: UpgradeTarget.optional(), lastSeenAt: dateTime().describe("Set when the run was deleted in Azure (state `Deleted`): when Fleet last listed it").optional() }).describe("An update run as Conductor last observed it in Fleet; `Deleted` (not a Fleet state) once Fleet no longer has it.");

const RunCreation = z.strictObject({ trigger: z.strictObject({ kind: z.string(), eventIds: z.array(z.string()) }), explanation: z.array(Reason).describe("The policy's explanation"), createdBy: z.string(), createdAt: dateTime(), attempt: z.number().int().min(1) }).describe("What triggered a run Conductor created.");

const TimelineEntry = z.strictObject({ at: dateTime(), scope: z.string().describe("`run` | `stage` | `group` | `member` | `gate` | `audit`"), subject: z.string().describe("e.g. `canary`, `canary/prod-us`, `canary/prod-us/member-1`, a gate displayName"), what: z.string() });

const CheckEvidence = z.strictObject({ query: z.string().describe("The exact KQL sent to Log Analytics"), window: z.strictObject({ start: dateTime(), end: dateTime() }), columns: z.array(z.string()), rows: z.array(z.array(z.unknown())).describe("At most 50 rows, in the order Log Analytics returned them"), truncatedRows: z.number().int().min(0).describe("How many rows were left out of `rows`"), error: z.strictObject({ message: z.string(), code: z.string().optional() }).describe("Set when the query failed").optional() });

const ClusterVerdict = z.strictObject({ clusterId: z.string(), value: z.number().nullable().describe("Null when there was no usable value"), outcome: z.enum(CHECK_OUTCOMES), reason: z.enum(ClusterReason) }).describe("The verdict for one cluster in one evaluation.");

const CheckEvaluation = z.strictObject({ checkName: z.string(), checkType: z.enum(CHECK_TYPES), dryRun: z.boolean().describe("Dry-run evaluations are recorded but never fail the gate"), outcome: z.enum(CHECK_OUTCOMES).describe("Error means \"could not measure\"; it never counts as a pass"), reason: z.enum(CheckReason), message: z.string(), comparator: z.enum(COMPARATORS).describe("A cluster passes when `value <comparator> threshold`"), threshold: z.number(), perCluster: z.array(ClusterVerdict), evidence: CheckEvidence }).describe("The result of evaluating one check once, for all gated clusters.");

const GateRef = z.strictObject({ fleetId: z.string().describe("Fleet ARM id"), runName: z.string(), gateId: z.string().describe("Gate name: a lowercase GUID") }).describe("The address of a Fleet gate.");

const GateEvidence = z.strictObject({ gate: GateRef, measurement: z.number().int().min(1), at: dateTime(), evaluations: z.array(CheckEvaluation) }).describe("One measurement of a gate: every check evaluated once.");

const CheckTally = z.strictObject({ name: z.string(), dryRun: z.boolean(), phase: z.enum(CHECK_PHASES), count: z.number().int().min(0).describe("Measurements that were not Error"), successful: z.number().int().min(0), failed: z.number().int().min(0), inconclusive: z.number().int().min(0), errors: z.number().int().min(0), consecutiveErrors: z.number().int().min(0), lastOutcome: z.enum(CHECK_OUTCOMES).optional(), reason: z.enum(GateReason).describe("Set when the check left Running").optional() }).describe("Per-check counters (Argo AnalysisRun style).");

const ExcludedMember = z.strictObject({ memberName: z.string(), state: z.string(), reason: z.enum(EXCLUSION_REASONS), clusterId: z.string().optional() }).describe("A member left out of the checks, and why.");

const FailedMember = z.strictObject({ memberName: z.string(), clusterId: z.string().optional() }).describe("A member whose upgrade failed: the gate fails.");

const GateCluster = z.strictObject({ clusterId: z.string(), memberName: z.string(), state: z.string().describe("The member state in the run") });

const GateHistoryEntry = z.strictObject({ at: dateTime(), from: z.enum(GATE_PHASES), to: z.enum(GATE_PHASES), reason: z.enum(GateReason), message: z.string().optional() }).describe("One phase transition of the gate.");

const GateIdentity = z.strictObject({ fleetId: z.string().describe("Fleet ARM id (`/subscriptions/../fleets/{fleet}`)"), runName: z.string(), gateId: z.string().describe("Gate name: a lowercase GUID"), displayName: z.string().describe("`conductor:<policy-id>`"), policyId: z.string(), stage: z.string(), timing: z.enum(["Before", "After"]), group: z.string().describe("Set for group gates").optional() }).describe("Who a gate is: its Fleet address, its place in the run and its policy.");

const GatePhase = z.looseObject({ name: z.enum(GATE_PHASES), until: dateTime().describe("Soaking: when the soak ends").optional(), measurement: z.number().int().min(1).describe("Checking: 1-based number of the current measurement").optional(), plannedAt: dateTime().describe("Checking: when the current measurement is due").optional(), windowEnd: dateTime().describe("Checking: the query window end, once the checks were requested").optional(), requestedAt: dateTime().describe("Checking: when the checks were last requested").optional(), since: dateTime().describe("AwaitingApproval, Approving: since when").optional(), at: dateTime().describe("Settled phases: when the gate settled").optional(), by: z.string().describe("Rejected: who rejected; Bypassed: the operator who overrode the gate through Conductor").optional(), comment: z.string().describe("Rejected: the comment").optional(), reason: z.string().describe("Bypassed by an operator: the reason given").optional(), onExpire: z.enum(["stop", "skip", "hold"]).describe("Expired: what the policy does on expiry").optional() }).describe("The phase of the gate; which fields are present depends on `name`.");

const PendingCommand = z.strictObject({ action: z.looseObject({ kind: z.enum(["completeFleetGate", "stopRun", "skipGateTarget"]), gate: GateRef }), sentAt: dateTime() }).describe("A command sent to Fleet and not yet confirmed by an observation; re-sent until it is.");

const PreviousAttempt = z.strictObject({ attempt: z.number().int().min(1), observedAt: dateTime(), endedPhase: z.enum(REARMABLE), endedAt: dateTime(), lastMeasurement: z.number().int().min(0).describe("Evidence of that attempt is kept under measurements up to this number"), rearmedBy: z.string(), reason: z.string() });

const GateState = z.strictObject({ version: z.number().int().min(1).describe("Increases by one on every decision that changes the state"), gate: GateIdentity, policy: z.looseObject({ id: z.string(), checks: z.array(z.looseObject({ name: z.string(), type: z.enum(CHECK_TYPES) })), analysis: z.looseObject({}), approval: z.looseObject({}).optional() }).describe("The gate policy as it was when the gate was observed (later config edits do not change a gate in flight)."), observedAt: dateTime(), clusters: z.array(GateCluster), excludedMembers: z.array(ExcludedMember), failedMembers: z.array(FailedMember), phase: GatePhase, checks: z.array(CheckTally), history: z.array(GateHistoryEntry), targetNotFound: z.string().describe("Set when the gated stage/group was not found in the run status").optional(), pendingCommand: PendingCommand.optional(), approval: z.strictObject({ requestedAt: dateTime(), granted: z.looseObject({ at: dateTime(), by: z.string().optional(), comment: z.string().optional() }).optional() }).describe("Present once approval was requested; `granted` when quorum was reached (possibly before the checks passed).").optional(), attempt: z.number().int().min(2).describe("The decision cycle: absent for the first; an operator's resume or retry starts the next").optional(), firstMeasurement: z.number().int().min(1).describe("Number of this attempt's first measurement (earlier attempts keep their evidence)").optional(), previousAttempts: z.array(PreviousAttempt).describe("How earlier attempts ended, oldest first").optional() }).describe("Everything Conductor knows about one gate.");

const GateDetail = z.strictObject({ state: GateState, evidence: z.array(GateEvidence) }).describe("A gate of the run as Conductor decided it, with its evidence.");

const OperatorResult = z.looseObject({}).describe("What the action did: the fleet, the run or gate, and the state it is in now.");

const FleetBlocked = z.strictObject({ run: z.string(), since: dateTime().describe("When Conductor first saw the run held for this cause"), cause: z.enum(HOLD_CAUSES), why: z.string(), actions: z.array(z.enum(["resume", "abandon"])).describe("Operator actions that would unblock the fleet"), gateId: z.string().describe("The gate that decided it, when a gate did").optional() }).describe("A run of the fleet stopped or failed for a reason: nothing starts until an operator resumes or abandons it.");

const FleetPause = z.strictObject({ fleetId: z.string(), at: dateTime(), by: z.string(), reason: z.string() }).describe("An operator's incident freeze of the fleet.");

const ApprovalView = z.strictObject({ gateId: z.string(), gate: z.string().describe("The gate displayName"), policyId: z.string(), requestId: z.string(), requestedAt: dateTime(), expiresAt: dateTime(), channels: z.array(z.string()).describe("Channels the request went to"), asked: z.strictObject({ users: z.array(z.string()), objectIds: z.array(z.string()), groups: z.array(z.string()), quorum: z.number().int().min(1) }).describe("Who was asked, and how many approvals are needed"), evidenceVersion: z.number().int().min(1).describe("The evidence version shown when it was requested"), decisions: z.array(z.strictObject({ by: z.string(), decision: z.enum(["approve", "reject"]), at: dateTime(), evidenceVersion: z.number().int().min(1).describe("The evidence version the approver saw"), objectId: z.string().optional(), comment: z.string().optional() })), outcome: z.enum(["granted", "rejected", "expired"]).optional(), closedAt: dateTime().optional(), link: z.string().describe("The pending request's landing page; only for callers with the operator role").optional() }).describe("One approval request of a gate of the run, with every decision.");

const AuditEvent = z.strictObject({ id: z.string(), at: dateTime(), fleetId: z.string(), runName: z.string(), kind: z.string().describe("e.g. GateTransition, GateCompleted, RunStopped"), actor: z.string(), message: z.string(), gateId: z.string().optional(), data: z.record(z.string(), z.unknown()).optional() }).describe("One entry of an audit trail.");

const AuditEventList = z.strictObject({ items: z.array(AuditEvent).describe("Oldest first") });

const StuckCause = z.strictObject({ kind: z.enum(CAUSE_KINDS).describe('Stable cause kind'), subject: z.string().describe('The gate display name or member name'), message: z.string(), evidence: z.looseObject({}).describe("What was observed: the approval request, the checks and last measurement, Fleet's member message, the maintenance window, the Warning events"), fix: z.string().describe('What to do'), since: dateTime().optional(), until: dateTime().describe('When it clears by itself (a window opening, an approval deadline), if known').optional() });

const UnreadFact = z.strictObject({ what: z.enum(['maintenanceConfigurations', 'warningEvents']), subject: z.string(), error: z.string() });

const RunDiagnosis = z.strictObject({ diagnosedAt: dateTime(), state: z.enum(['progressing', 'stuck', 'finished', 'notStarted']).describe('`stuck`: something holds the run and nothing of it is in flight'), causes: z.array(StuckCause), inFlight: z.array(z.string()).describe('What still moves: members upgrading within the expected time, gates measuring, after-stage waits'), unread: z.array(UnreadFact).describe('Facts that could not be read'), lastProgressAt: dateTime().describe('The latest moment anything in the run started, finished or changed phase').optional(), stuckForMinutes: z.number().int().min(0).describe('While stuck: whole minutes since lastProgressAt').optional() }).describe('Why the run is not progressing (active runs only).');

const RunDetail = z.strictObject({ run: RunSnapshot, gates: z.array(GateDetail), approvals: z.array(ApprovalView).describe("Approval requests of the run's gates with their decisions"), events: z.array(AuditEvent), timeline: z.array(TimelineEntry).describe("Everything above merged in time order"), creation: RunCreation.optional(), diagnosis: RunDiagnosis.optional() }).describe("Everything known about one run.");

const StopAccepted = z.strictObject({ fleet: z.string(), run: z.string(), state: z.string().describe("The run state after the stop request (Fleet UpdateState)") });

const FleetSummary = z.strictObject({ name: z.string(), fleetId: z.string().describe("Fleet ARM id"), strategy: z.string().describe("The update strategy Conductor runs with"), releaseMode: z.enum(["explicit", "profile"]).optional(), channel: z.string().optional() }).describe("One line of `GET /fleets`.");

const FleetList = z.strictObject({ items: z.array(FleetSummary) });

const FleetMemberView = z.strictObject({ name: z.string(), clusterResourceId: z.string(), nodeImageVersions: z.array(z.string()), group: z.string().optional(), region: z.string().optional(), kubernetesVersion: z.string().optional(), autoUpgradeChannel: z.string().describe("The member's own AKS auto-upgrade channel when it is on").optional() });

const FleetRelease = z.strictObject({ evaluatedAt: dateTime(), outcome: z.string(), reasons: z.array(Reason).describe("Why not (yet)"), warnings: z.array(Reason), target: UpgradeTarget.optional(), runName: z.string().optional() }).describe("The latest release evaluation of a fleet.");

const PlannedStage = z.strictObject({ name: z.string(), groups: z.array(z.strictObject({ name: z.string(), members: z.array(z.string()) })) });

const PlannedMemberView = z.strictObject({ name: z.string(), current: z.string().describe("The version the member runs now"), reasons: z.array(Reason) });

const FleetPlan = z.strictObject({ fleet: z.string(), evaluatedAt: dateTime(), outcome: z.string().describe("createRun | alreadyRunning | wait | upToDate | invalidPolicy"), stages: z.array(PlannedStage), upgrade: z.array(PlannedMemberView).describe("Members the run would upgrade"), skip: z.array(PlannedMemberView).describe("Members the run would skip"), pending: z.array(PlannedMemberView).describe("Members that would sit Pending"), reasons: z.array(Reason), warnings: z.array(Reason), target: UpgradeTarget.optional(), runName: z.string().optional() }).describe("Dry run: the run that would be created now, and what would happen to each member.");

const PreflightFinding = z.strictObject({ area: z.enum(PREFLIGHT_AREAS), code: z.string().describe("Stable code, e.g. MissingPermission, GroupCaseMismatch, TargetTooFar, MemberAutoUpgradeOn, MaintenanceWindowClosed, NoData"), severity: z.enum(["error", "warning"]), subject: z.string().describe("The member, group, scope or workspace concerned"), message: z.string(), evidence: z.looseObject({}).describe("What was observed (the scope and action, the groups, the versions, the window, the last row time)"), fix: z.string().describe("What to change") }).describe("One thing that would make a run fail, stall or go unguarded.");

const PreflightReport = z.strictObject({ fleet: z.string(), fleetId: z.string(), checkedAt: dateTime(), plannedAt: dateTime().describe("When maintenance windows were evaluated (the `at` parameter, default now)"), checked: z.array(z.enum(PREFLIGHT_AREAS)).describe("The areas that could be checked (an area whose reads were refused is absent; its refusal is a permissions finding)"), findings: z.array(PreflightFinding) }).describe("Preflight of a fleet: empty `findings` over every `checked` area means nothing found.");

const StoredPreflight = z.strictObject({ report: PreflightReport, configHash: z.string().describe('SHA-256 of conductor.yaml as the preflight saw it'), trigger: z.enum(['startup', 'configChanged', 'refresh']) }).describe('The latest preflight run by the reconcile timer (at startup, after a configuration change, or when older than the refresh interval).');

const FleetView = z.strictObject({ name: z.string(), fleetId: z.string().describe("Fleet ARM id"), strategy: z.string().describe("The update strategy Conductor runs with"), members: z.array(FleetMemberView), versions: z.record(z.string(), z.number().int().min(0)).describe("Kubernetes version → number of members on it"), drift: z.boolean().describe("True when members run different Kubernetes versions"), alerts: z.array(AuditEvent).describe("Fleet-level trail"), unknownMembers: z.array(z.string()).describe("Members Fleet lists whose cluster AKS does not return"), releaseMode: z.enum(["explicit", "profile"]).optional(), channel: z.string().optional(), release: FleetRelease.optional(), blocked: FleetBlocked.optional(), paused: FleetPause.optional(), preflight: StoredPreflight.optional() });

const FunctionInfo = z.strictObject({ name: z.string(), trigger: z.enum(["http", "timer", "eventGrid"]), route: z.string().optional(), methods: z.array(z.string()).optional(), authLevel: z.string().optional(), schedule: z.string().optional() });

const TimerRun = z.strictObject({ functionName: z.string(), schedule: z.string(), startedAt: dateTime(), finishedAt: dateTime(), isPastDue: z.boolean(), outcome: z.enum(["Succeeded", "Failed"]), error: z.string().describe("The error message when outcome is Failed").optional() });

const TimerStatus = z.strictObject({ name: z.string(), schedule: z.string(), lastRun: TimerRun.optional() }).describe("`lastRun` is absent until the timer has run once.");

const HealthReport = z.strictObject({ status: z.enum(["ok", "degraded"]).describe("`degraded` when state storage cannot be read, a fleet is blocked by a held run, or a gate is held Inconclusive"), version: z.string(), checkedAt: dateTime(), functions: z.array(FunctionInfo), timers: z.array(TimerStatus), problems: z.array(z.string()), approvals: z.strictObject({ enabled: z.boolean(), reason: z.string().describe("Names the setting (e.g. an unresolved Key Vault reference in APPROVAL_TOKEN_KEY)").optional(), misconfigured: z.boolean().optional() }), callers: z.strictObject({ source: z.enum(["appServiceAuthentication", "localDevelopment"]).nullable().nullable().describe("CONDUCTOR_PRINCIPAL_SOURCE"), trusted: z.boolean(), reason: z.string().describe("Why approval and operator routes refuse every caller").optional() }) });

const CallbackResult = z.strictObject({ result: z.string().describe('recorded or duplicate'), outcome: z.string().describe('The request: open, granted, rejected or expired') }).describe('A signed callback was recorded.');

/** Every answer schema by its `components/schemas` name. */
export const responseSchemas = { RunDiagnosis, StuckCause, UnreadFact, StoredPreflight, CallbackResult, ParameterError, Problem, UpdateState, UpgradeTarget, Reason, RunSummary, RunPage, StatusTimes, MemberSnapshot, GateEntrySnapshot, GroupSnapshot, StageSnapshot, RunSnapshot, RunCreation, TimelineEntry, CheckEvidence, ClusterVerdict, CheckEvaluation, GateRef, GateEvidence, CheckTally, ExcludedMember, FailedMember, GateCluster, GateHistoryEntry, GateIdentity, GatePhase, PendingCommand, PreviousAttempt, GateState, GateDetail, OperatorResult, FleetBlocked, FleetPause, ApprovalView, AuditEvent, AuditEventList, RunDetail, StopAccepted, FleetSummary, FleetList, FleetMemberView, FleetRelease, FleetView, PlannedStage, PlannedMemberView, FleetPlan, PreflightFinding, PreflightReport, FunctionInfo, TimerRun, TimerStatus, HealthReport } as const;

export type ResponseName = keyof typeof responseSchemas;
