import type { ActiveRun, FirstSeen, MemberFacts, RegionalAvailability, UpgradeTarget } from './fleetFacts';
import type { MemberPlan } from './planMembers';
import type { Reason } from './reasons';
import type { VersionPolicy } from './versionPolicy';

/** Everything `evaluateRelease` decides over: plain data, time passed in. */
export interface ReleaseInput {
  readonly policy: VersionPolicy;
  readonly members: readonly MemberFacts[];
  readonly availability: RegionalAvailability;
  readonly firstSeen: readonly FirstSeen[];
  /** The fleet's active (non-terminal) update run, if any. */
  readonly activeRun?: ActiveRun;
  /** Evaluation time: epoch ms or an ISO 8601 string. */
  readonly now: number | string;
}

/**
 * The decision for one fleet now. `reasons` always explain it: for `createRun`, why newer versions were not chosen;
 * for `wait`, what blocks (and `nextEvaluationAt` is the earliest time a time-based block clears, if any).
 */
export type ReleaseDecision =
  | {
      /** Create (idempotently, by `runName`) and start a run for `target`. */
      readonly outcome: 'createRun';
      readonly target: UpgradeTarget;
      readonly runName: string;
      readonly plan: MemberPlan;
      readonly reasons: readonly Reason[];
      readonly warnings: readonly Reason[];
    }
  | {
      /** The active run already targets the chosen version; create nothing. */
      readonly outcome: 'alreadyRunning';
      readonly target: UpgradeTarget;
      readonly runName: string;
      readonly reasons: readonly Reason[];
      readonly warnings: readonly Reason[];
    }
  | {
      /** Something should be upgraded but cannot be now (soak, region, window, active run, minor skip, ...). */
      readonly outcome: 'wait';
      /** The run that would be created once the blocking reasons clear, when one was chosen. */
      readonly target: UpgradeTarget | undefined;
      readonly plan: MemberPlan | undefined;
      readonly nextEvaluationAt: string | undefined;
      readonly reasons: readonly Reason[];
      readonly warnings: readonly Reason[];
    }
  | {
      /** Every member runs the newest eligible version of the channel (or there are no members). */
      readonly outcome: 'upToDate';
      readonly reasons: readonly Reason[];
      readonly warnings: readonly Reason[];
    }
  | {
      /** The policy (or the evaluation time) is invalid; nothing is evaluated. */
      readonly outcome: 'invalidPolicy';
      readonly reasons: readonly Reason[];
    };
