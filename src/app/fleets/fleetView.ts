import type { UpgradeTarget } from '../../domain/versions/fleetFacts';
import type { Reason } from '../../domain/versions/reasons';
import type { HoldCause } from '../../domain/runs/runHold';
import type { AuditEvent, FleetPause, FleetReleaseEvaluation, StoredPreflight } from '../../ports';

/** A run of the fleet stopped or failed for a reason: nothing starts until an operator resumes or abandons it. */
export interface FleetBlocked {
  readonly run: string;
  readonly gateId?: string;
  /** When Conductor first saw the run held for this cause. */
  readonly since: string;
  readonly cause: HoldCause;
  readonly why: string;
  /** Operator actions that would unblock the fleet. */
  readonly actions: readonly ('resume' | 'abandon')[];
}

export interface FleetMemberView {
  readonly name: string;
  readonly group?: string;
  readonly clusterResourceId: string;
  readonly region?: string;
  readonly kubernetesVersion?: string;
  readonly nodeImageVersions: readonly string[];
  /** The member's own AKS auto-upgrade channel when it is on (it races the fleet). */
  readonly autoUpgradeChannel?: string;
}

/** `GET /api/fleets` line. */
export interface FleetSummary {
  readonly name: string;
  readonly fleetId: string;
  readonly strategy: string;
  readonly releaseMode?: 'explicit' | 'profile';
  readonly channel?: string;
}

/** `GET /api/fleets/{fleet}`: members, versions, drift, and why a pending release is (not yet) eligible. */
export interface FleetView extends FleetSummary {
  readonly members: readonly FleetMemberView[];
  /** Kubernetes version → number of members on it. */
  readonly versions: Readonly<Record<string, number>>;
  /** True when members run different Kubernetes versions. */
  readonly drift: boolean;
  /** The latest release evaluation: outcome, target, reasons (why not yet), warnings. */
  readonly release?: Omit<FleetReleaseEvaluation, 'fleetId'>;
  /** Fleet-level trail: support ending/ended, members with their own auto-upgrade on. */
  readonly alerts: readonly AuditEvent[];
  /** Members Fleet lists whose cluster AKS does not return. */
  readonly unknownMembers: readonly string[];
  /** Set while a held run blocks the fleet. */
  readonly blocked?: FleetBlocked;
  /** Set while an operator has the fleet paused. */
  readonly paused?: FleetPause;
  /** The latest preflight the reconcile timer ran (at startup, after a configuration change, or on refresh). */
  readonly preflight?: StoredPreflight;
}

export interface PlannedMemberView {
  readonly name: string;
  readonly current: string;
  readonly reasons: readonly Reason[];
}

/** `GET /api/fleets/{fleet}/plan`: the run that would be created now, and what would happen to each member. */
export interface FleetPlan {
  readonly fleet: string;
  readonly evaluatedAt: string;
  /** createRun | alreadyRunning | wait | upToDate | invalidPolicy */
  readonly outcome: string;
  readonly target?: UpgradeTarget;
  readonly runName?: string;
  readonly stages: readonly { readonly name: string; readonly groups: readonly { readonly name: string; readonly members: readonly string[] }[] }[];
  readonly upgrade: readonly PlannedMemberView[];
  readonly skip: readonly PlannedMemberView[];
  readonly pending: readonly PlannedMemberView[];
  readonly reasons: readonly Reason[];
  readonly warnings: readonly Reason[];
}
