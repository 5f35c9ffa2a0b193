import type { FirstSeen, MinorAvailability, SupportPlan, UpgradeTarget } from '../domain/versions/fleetFacts';
import type { Reason } from '../domain/versions/reasons';
import type { RunHold } from '../domain/runs/runHold';

// Release detection (AKS) and run creation

/** A Fleet member as listed by Fleet. */
export interface FleetMemberRef {
  readonly name: string;
  readonly clusterResourceId: string;
  readonly group?: string;
}

/** What AKS says about a managed cluster (from one paged list per subscription). */
export interface ManagedClusterFacts {
  readonly resourceId: string;
  readonly location: string;
  readonly kubernetesVersion: string;
  /** `nodeImageVersion` of every agent pool. */
  readonly nodeImageVersions: readonly string[];
  /** AKS auto-upgrade channel (`none`, `patch`, `stable`, `rapid`, `node-image`) when set. */
  readonly autoUpgradeChannel?: string;
  readonly nodeOsUpgradeChannel?: string;
  readonly supportPlan?: SupportPlan;
}

export interface ReleaseSource {
  listMembers(fleetId: string): Promise<readonly FleetMemberRef[]>;
  /** Every managed cluster of a subscription: ONE paged list, never a call per cluster. */
  listManagedClusters(subscriptionId: string): Promise<readonly ManagedClusterFacts[]>;
  /** `kubernetesVersions` of one region. */
  listKubernetesVersions(subscriptionId: string, region: string): Promise<readonly MinorAvailability[]>;
  /** Node image versions of one region (latest per image family); an unknown api-version throws ApiVersionUnsupportedError. */
  listNodeImageVersions(subscriptionId: string, region: string): Promise<readonly string[]>;
}

export interface UpdateRunSpec {
  /** Conductor's managed strategy (snapshotted by Fleet at creation). */
  readonly strategyName: string;
  readonly target: UpgradeTarget;
  readonly nodeImageSelection: 'Latest' | 'Consistent';
}

export interface RunCreator {
  /** PUT with `If-None-Match: *`. Returns `exists` (and changes nothing) when a run of that name exists. */
  createUpdateRun(fleetId: string, runName: string, spec: UpdateRunSpec): Promise<'created' | 'exists'>;
  /** Starts a run; starting one that already runs (or ran) succeeds without a second start. */
  startUpdateRun(fleetId: string, runName: string): Promise<'started' | 'alreadyStarted'>;
  /**
   * `generateUpdateRun` on an auto-upgrade profile, not waited for: `generated` with the (possibly existing) run's
   * name when Fleet answered at once, `none` for 204 "No update run was generated." (2026-06-02-preview and later),
   * `accepted` when Fleet took it as a long-running operation (202): the run is found later with findGeneratedRun.
   */
  generateUpdateRun(fleetId: string, profileName: string): Promise<GenerateOutcome>;
  /**
   * The NotStarted run that `generateUpdateRun` on the profile made for the target (one list of the fleet's runs;
   * Fleet records the profile on the run as `autoUpgradeProfileId`); undefined when there is none (yet).
   */
  findGeneratedRun(fleetId: string, profileName: string, target: UpgradeTarget): Promise<string | undefined>;
  /** The target of a run (from `managedClusterUpdate`), for runs Conductor did not create. */
  listActiveRuns(fleetId: string): Promise<readonly { readonly name: string; readonly state: string; readonly target: UpgradeTarget | undefined }[]>;
}

/** What `generateUpdateRun` answered. */
export type GenerateOutcome =
  | { readonly kind: 'generated'; readonly runName: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'accepted' };

/** A request Azure accepted asynchronously (202/201 with an operation), recorded until Fleet's own state confirms it. */
export interface PendingRequest {
  /** `strategy`: the managed strategy's PUT; `generate`: `generateUpdateRun` on the profile. */
  readonly kind: 'strategy' | 'generate';
  readonly requestedAt: string;
  /** 1 for the first request; each explicit retry after the confirmation bound adds one. */
  readonly attempt: number;
  /** The last evaluation that took the record to confirm it (an ETag-guarded write, so one evaluation acts at a time). */
  readonly checkedAt?: string;
}

/** Why and how a run was created: one record per (fleet, target), inserted conditionally so a target gets one run. */
export interface RunRecord {
  readonly fleetId: string;
  readonly target: UpgradeTarget;
  readonly runName: string;
  readonly mode: 'explicit' | 'profile';
  /** `Claimed` → `Created` (exists in Fleet) → `Started`. */
  readonly state: 'Claimed' | 'Created' | 'Started';
  readonly trigger: { readonly kind: 'event' | 'poll'; readonly eventIds: readonly string[] };
  /** The policy's reasons for this target (and for the newer versions it passed over). */
  readonly explanation: readonly Reason[];
  readonly createdAt: string;
  readonly createdBy: string;
  /** 1 for the first run of a target; a catch-up run for members left behind gets the next number. */
  readonly attempt?: number;
  /**
   * Set while the record is `Claimed` and waits on a request Azure accepted asynchronously: the run is created (or
   * adopted) and started only once Fleet's state confirms it, by a later evaluation (no handler polls the operation).
   */
  readonly pending?: PendingRequest;
  /** Set while the run is held (stopped or failed for a reason): why, and since when. Cleared by resume. */
  readonly hold?: RunHold & { readonly since: string };
  /** Set once the run needs Conductor no more: it completed, or an operator abandoned it. */
  readonly closed?: { readonly kind: 'Completed' | 'Abandoned'; readonly at: string; readonly by?: string; readonly reason?: string };
  /** Operator actions on the run (resume, abandon, stop), oldest first. */
  readonly operatorActions?: readonly { readonly action: string; readonly at: string; readonly by: string; readonly reason: string }[];
}

export interface StoredRunRecord extends RunRecord {
  readonly etag: string;
}

/** The latest release decision of a fleet, kept for the fleet view (why a release is not yet eligible). */
export interface FleetReleaseEvaluation {
  readonly fleetId: string;
  readonly evaluatedAt: string;
  readonly outcome: string;
  readonly target?: UpgradeTarget;
  readonly runName?: string;
  readonly reasons: readonly Reason[];
  readonly warnings: readonly Reason[];
}

/** An operator's incident freeze of a fleet: no run is created or started while it is set. */
export interface FleetPause {
  readonly fleetId: string;
  readonly at: string;
  readonly by: string;
  readonly reason: string;
}

export interface ReleaseStore {
  /** Records (region, version) pairs seen now; a pair already recorded keeps its first time. */
  recordFirstSeen(entries: readonly FirstSeen[]): Promise<void>;
  /** First-seen times of every version in the given regions. */
  listFirstSeen(regions: readonly string[]): Promise<readonly FirstSeen[]>;
  /** Conditional insert keyed by (fleet, target): `exists` when another trigger already claimed this target. */
  claimRun(record: RunRecord): Promise<{ readonly claimed: boolean; readonly record: StoredRunRecord }>;
  /** ETag-guarded; throws ConcurrencyError when stale. */
  updateRunRecord(record: RunRecord, etag: string): Promise<StoredRunRecord>;
  listRunRecords(fleetId: string): Promise<readonly StoredRunRecord[]>;
  /** The record as of its last write under this run name (one point read), undefined when Conductor made no such run. */
  getRunRecord(fleetId: string, runName: string): Promise<RunRecord | undefined>;
  putEvaluation(evaluation: FleetReleaseEvaluation): Promise<void>;
  getEvaluation(fleetId: string): Promise<FleetReleaseEvaluation | undefined>;
  /** The fleet's pause, undefined when it is not paused. */
  getPause(fleetId: string): Promise<FleetPause | undefined>;
  /** Sets (pause) or clears (undefined) the fleet's pause. */
  putPause(fleetId: string, pause: FleetPause | undefined): Promise<void>;
}
