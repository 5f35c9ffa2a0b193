import type { UpgradeTarget } from '../domain/versions/fleetFacts';
import type { RunSnapshot } from '../domain/history/runSnapshot';
import type { RunStatusView } from '../domain/gates/runStatus';
import type { FleetGate } from '../domain/gates/fleetGate';

export type { FleetGate };

// Fleet Manager (ARM). Adapters map ARM JSON to these shapes; no SDK type crosses this line.

/** An update run as last observed, with the status tree the gate logic reads. */
export interface FleetUpdateRun {
  readonly fleetId: string;
  readonly name: string;
  /** Fleet's UpdateState, read through the predicates of `domain/runs/fleetRunState` (isTerminal, isStopping, …). */
  readonly state: string;
  readonly status: RunStatusView;
  /** What the run upgrades to (from `managedClusterUpdate`); undefined when unreadable. */
  readonly target?: UpgradeTarget;
  readonly etag?: string;
}

/** A run from one GET: the status tree gates read, and the snapshot history keeps. */
export interface RunObservation {
  readonly run: FleetUpdateRun;
  readonly snapshot: RunSnapshot;
}

/** Targets of `updateRuns/{run}/skip`. For AfterStageWait, `name` is the stage's. */
export interface SkipTarget {
  readonly type: 'Member' | 'Group' | 'Stage' | 'AfterStageWait';
  readonly name: string;
}

/** A strategy stage as Conductor manages it (gates by display name). */
export interface StrategyStage {
  readonly name: string;
  readonly afterStageWaitInSeconds?: number;
  /** Fleet's string form ("3" or "25%"); undefined → Fleet's default. */
  readonly maxConcurrency?: string;
  readonly beforeGates?: readonly { readonly displayName: string }[];
  readonly afterGates?: readonly { readonly displayName: string }[];
  readonly groups: readonly {
    readonly name: string;
    readonly maxConcurrency?: string;
    readonly beforeGates?: readonly { readonly displayName: string }[];
    readonly afterGates?: readonly { readonly displayName: string }[];
  }[];
}

/** A strategy as Fleet shows it now: its stages, `provisioningState` (Succeeded, Creating, Updating, Failed, …) and ETag. */
export interface UpdateStrategyState {
  readonly stages: readonly StrategyStage[];
  /** Undefined when Fleet did not say; read as Succeeded (synchronous writes carry no state). */
  readonly provisioningState?: string;
  readonly etag?: string;
}

export interface FleetApi {
  /** Gates of a fleet; with `state`, only those in it (server-side `$filter`). */
  listGates(fleetId: string, options?: { readonly state?: 'Pending' }): Promise<readonly FleetGate[]>;
  /** Returns undefined when the gate does not exist (its run was deleted). */
  getGate(fleetId: string, gateId: string): Promise<FleetGate | undefined>;
  /** PATCHes the gate to Completed. Idempotent: completing a completed gate succeeds. */
  completeGate(fleetId: string, gateId: string): Promise<void>;
  /** Returns undefined when the run does not exist. */
  getUpdateRun(fleetId: string, runName: string): Promise<FleetUpdateRun | undefined>;
  /** One run read once, as the gate logic sees it and as history records it; undefined when it does not exist. */
  observeRun(fleetId: string, fleetName: string, runName: string, observedAt: string): Promise<RunObservation | undefined>;
  /** Every run of the fleet as a history snapshot (the same single list call, richer mapping). */
  listRunSnapshots(fleetId: string, fleetName: string, observedAt: string): Promise<readonly RunSnapshot[]>;
  /** Stops a running run; stopping a run that is already Stopping/Stopped succeeds. */
  stopUpdateRun(fleetId: string, runName: string): Promise<void>;
  skipUpdateRun(fleetId: string, runName: string, targets: readonly SkipTarget[]): Promise<void>;
  /** The stages of a named update strategy; undefined when it does not exist. */
  getUpdateStrategy(fleetId: string, strategyName: string): Promise<readonly StrategyStage[] | undefined>;
  /** The strategy with Fleet's provisioning state and ETag (one read), to confirm a write Fleet accepted asynchronously. */
  getUpdateStrategyState(fleetId: string, strategyName: string): Promise<UpdateStrategyState | undefined>;
  /**
   * Creates or replaces the named update strategy, not waited for: `done` when Fleet answered with the final
   * resource, `accepted` when it took the write as a long-running operation (confirmed later by reading it back).
   */
  upsertUpdateStrategy(fleetId: string, strategyName: string, stages: readonly StrategyStage[]): Promise<'done' | 'accepted'>;
}

/**
 * Azure does not (or no longer) know the api-version Conductor called with: ARM's 400 NoRegisteredProviderFound or
 * InvalidApiVersionParameter, or InvalidResourceType naming the api-version (400 or 404; see ArmTransport). Every
 * call with that version fails until the setting changes, so it is an alert,
 * never "nothing there".
 */
export class ApiVersionUnsupportedError extends Error {
  constructor(
    readonly apiVersion: string,
    /** The ARM path (without query) that was refused. */
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiVersionUnsupportedError';
  }
}
