import type { Schema } from './openApiSchemaKit';

/** Every schema of `components/schemas`; the schema modules must define exactly these (checked by their types). */
export const SCHEMA_NAMES = [
  'Problem',
  'ParameterError',
  'UpdateState',
  'UpgradeTarget',
  'Reason',
  'RunSummary',
  'RunPage',
  'StatusTimes',
  'MemberSnapshot',
  'GateEntrySnapshot',
  'GroupSnapshot',
  'StageSnapshot',
  'RunSnapshot',
  'RunCreation',
  'TimelineEntry',
  'GateDetail',
  'GateState',
  'GateIdentity',
  'GatePhase',
  'GateCluster',
  'ExcludedMember',
  'FailedMember',
  'CheckTally',
  'GateHistoryEntry',
  'PendingCommand',
  'GateRef',
  'GateEvidence',
  'CheckEvaluation',
  'ClusterVerdict',
  'CheckEvidence',
  'AuditEvent',
  'AuditEventList',
  'RunDetail',
  'StopAccepted',
  'FleetSummary',
  'FleetList',
  'FleetMemberView',
  'FleetView',
  'FleetRelease',
  'FleetPlan',
  'PlannedStage',
  'PlannedMemberView',
  'PreflightFinding',
  'PreflightReport',
  'HealthReport',
  'FunctionInfo',
  'TimerStatus',
  'TimerRun',
] as const;

export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** A reference to a schema of `components/schemas`; the name is checked at compile time. */
export function ref(name: SchemaName): Schema {
  return { $ref: `#/components/schemas/${name}` };
}
