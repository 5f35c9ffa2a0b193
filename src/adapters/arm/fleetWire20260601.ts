/**
 * Fleet's ARM wire types for api-version 2026-06-01 (the first GA version with gates), hand-written from the REST
 * spec's definitions: Azure/azure-rest-api-specs,
 * specification/containerservice/resource-manager/Microsoft.ContainerService/fleet/stable/2026-06-01/fleets.json
 * (same names as its `definitions`). Only what Conductor reads or writes is declared. Every field is optional and
 * may be null on read: the adapters validate what they need instead of trusting the shape, and the gate-aware
 * previews Conductor also accepts (2025-04-01-preview on) carry the same fields.
 *
 * Why not generated: the spec's TypeSpec emits a whole client (the Fleet SDK 2.0.0 is one, and its serializers drop
 * the gate fields, docs/azure-apis.md §1.8); these few read-only shapes are all the raw calls need.
 */

/** `UpdateState`: of an UpdateRun, UpdateStage, UpdateGroup, MemberUpdate or Gate status (modelAsString: open). */
type UpdateState = 'NotStarted' | 'Running' | 'Stopping' | 'Stopped' | 'Skipped' | 'Failed' | 'Pending' | 'Completed' | (string & {});

/** `UpdateStatus`. */
export interface UpdateStatus {
  readonly startTime?: string | null;
  readonly completedTime?: string | null;
  readonly state?: UpdateState | null;
  /** common-types v5 `ErrorDetail`. */
  readonly error?: { readonly code?: string | null; readonly message?: string | null } | null;
}

/** `GateConfiguration`: a gate a strategy stage or group declares. */
export interface GateConfiguration {
  readonly displayName?: string | null;
  /** `GateType`: only `Approval` exists. */
  readonly type?: 'Approval' | (string & {}) | null;
}

/** `UpdateGroup` (of a strategy). */
interface UpdateGroup {
  readonly name: string;
  readonly maxConcurrency?: string | null;
  readonly beforeGates?: readonly GateConfiguration[] | null;
  readonly afterGates?: readonly GateConfiguration[] | null;
}

/** `UpdateStage` (of a strategy). */
export interface UpdateStage {
  readonly name: string;
  readonly groups?: readonly UpdateGroup[] | null;
  readonly afterStageWaitInSeconds?: number | null;
  readonly maxConcurrency?: string | null;
  readonly beforeGates?: readonly GateConfiguration[] | null;
  readonly afterGates?: readonly GateConfiguration[] | null;
}

/** `FleetUpdateStrategy` (`properties.strategy` is an `UpdateRunStrategy`). */
export interface FleetUpdateStrategy {
  readonly name?: string;
  readonly eTag?: string;
  readonly properties?: { readonly provisioningState?: string | null; readonly strategy?: { readonly stages?: readonly UpdateStage[] | null } | null } | null;
}

/** `UpdateRunGateStatus`: a gate as the run shows it. */
export interface UpdateRunGateStatus {
  readonly displayName?: string | null;
  /** The gate's resource id (`GateResourceId`). */
  readonly gateId?: string | null;
  readonly status?: UpdateStatus | null;
}

/** `MemberUpdateStatus`. */
interface MemberUpdateStatus {
  readonly name: string;
  readonly clusterResourceId?: string | null;
  readonly operationId?: string | null;
  readonly message?: string | null;
  readonly status?: UpdateStatus | null;
}

/** `UpdateGroupStatus`. */
export interface UpdateGroupStatus {
  readonly name: string;
  readonly status?: UpdateStatus | null;
  readonly members?: readonly MemberUpdateStatus[] | null;
  readonly beforeGates?: readonly UpdateRunGateStatus[] | null;
  readonly afterGates?: readonly UpdateRunGateStatus[] | null;
}

/** `UpdateStageStatus`. */
export interface UpdateStageStatus extends UpdateGroupStatus {
  readonly groups?: readonly UpdateGroupStatus[] | null;
  /** `WaitStatus`. */
  readonly afterStageWaitStatus?: { readonly status?: UpdateStatus | null; readonly waitDurationInSeconds?: number | null } | null;
}

/** `NodeImageVersion`. */
export interface NodeImageVersion {
  readonly version?: string | null;
}

/** `UpdateRun`: `properties` is an `UpdateRunProperties`. */
export interface UpdateRun {
  readonly name?: string;
  readonly eTag?: string;
  /** common-types `systemData`. */
  readonly systemData?: { readonly createdAt?: string | null; readonly createdBy?: string | null } | null;
  readonly properties?: {
    readonly updateStrategyId?: string | null;
    readonly autoUpgradeProfileId?: string | null;
    /** `ManagedClusterUpdate`. */
    readonly managedClusterUpdate?: {
      /** `ManagedClusterUpgradeSpec`; `type` is a `ManagedClusterUpgradeType`. */
      readonly upgrade?: { readonly type?: 'Full' | 'NodeImageOnly' | 'ControlPlaneOnly' | (string & {}) | null; readonly kubernetesVersion?: string | null } | null;
      /** `NodeImageSelection`. */
      readonly nodeImageSelection?: { readonly type?: string | null; readonly customNodeImageVersions?: readonly NodeImageVersion[] | null } | null;
    } | null;
    /** `UpdateRunStatus`. */
    readonly status?: {
      readonly status?: UpdateStatus | null;
      readonly stages?: readonly UpdateStageStatus[] | null;
      /** `NodeImageSelectionStatus` (set when the selection is `Consistent`). */
      readonly nodeImageSelection?: { readonly selectedNodeImageVersions?: readonly NodeImageVersion[] | null } | null;
    } | null;
  } | null;
}

/** `Gate`: `properties` is a `GateProperties`, its `target` a `GateTarget` with `UpdateRunGateTargetProperties`. */
export interface Gate {
  readonly name?: string;
  readonly properties?: {
    readonly displayName?: string | null;
    readonly gateType?: string | null;
    /** `GateState`: Pending, Skipped or Completed. */
    readonly state?: 'Pending' | 'Skipped' | 'Completed' | (string & {}) | null;
    readonly target?: {
      /** The run's resource id (`UpdateRunResourceId`). */
      readonly id?: string | null;
      readonly updateRunProperties?: {
        readonly name?: string | null;
        readonly stage?: string | null;
        readonly group?: string | null;
        /** `Timing`. */
        readonly timing?: 'Before' | 'After' | (string & {}) | null;
      } | null;
    } | null;
  } | null;
}

/** `GenerateResponse`: the answer of `autoUpgradeProfiles/{name}/generateUpdateRun`. */
export interface GenerateResponse {
  /** The generated run's resource id. */
  readonly id?: string | null;
}
