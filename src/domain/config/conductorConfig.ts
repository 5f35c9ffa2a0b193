import type { GatePolicy } from '../gates/gatePolicy';
import type { VersionPolicy } from '../versions/versionPolicy';

/** How a fleet's releases become update runs. */
export interface ReleaseConfig {
  /** `explicit`: Conductor creates the run with its strategy; `profile`: generateUpdateRun on a Fleet auto-upgrade profile. */
  readonly mode: 'explicit' | 'profile';
  readonly autoUpgradeProfile?: string;
  readonly nodeImageSelection: 'Latest' | 'Consistent';
  readonly policy: VersionPolicy;
}

/** Which gate policy guards a point of the strategy (before or after a stage or group). */
export interface GateSlots {
  readonly beforeGate?: string;
  readonly afterGate?: string;
}

export interface StrategyGroupConfig extends GateSlots {
  /** Must equal the `group` of the fleet members it contains. */
  readonly name: string;
  /** Fleet `maxConcurrency` of the group ("3" or "25%"); absent → Fleet's default (1). */
  readonly maxConcurrency?: string;
}

export interface StrategyStageConfig extends GateSlots {
  readonly name: string;
  readonly afterStageWaitInSeconds: number;
  /** Fleet `maxConcurrency` of the stage: clusters at once across its groups ("10" or "25%"); absent → Fleet's default (50). */
  readonly maxConcurrency?: string;
  readonly groups: readonly StrategyGroupConfig[];
}

/** The Fleet update strategy Conductor manages (PUT `.../updateStrategies/{name}`). */
export interface StrategyConfig {
  readonly name: string;
  readonly stages: readonly StrategyStageConfig[];
}

/** A fleet Conductor watches. */
export interface FleetConfig {
  /** The fleet's name in Conductor's API and in ARM. */
  readonly name: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  /** The Fleet ARM id, derived from the three fields above. */
  readonly fleetId: string;
  /** Log Analytics workspace (GUID) receiving the members' Container Insights data. */
  readonly logAnalyticsWorkspaceId: string;
  readonly strategy: StrategyConfig;
  /** Absent: Conductor does not create runs for this fleet (it still gates the runs others create). */
  readonly release?: ReleaseConfig;
}

/** The whole config-as-code file, validated. */
export interface ConductorConfig {
  readonly fleets: readonly FleetConfig[];
  readonly gatePolicies: readonly GatePolicy[];
}
