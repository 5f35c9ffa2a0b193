import type { RunSnapshot } from '../history/runSnapshot';
import type { MaintenanceConfiguration } from '../preflight/maintenanceWindow';

/**
 * What Conductor knows about one of the run's gates (its own gate state, mapped by the use case so the diagnosis
 * does not depend on the gate machine's internals).
 */
export interface GateFact {
  readonly gateId: string;
  readonly displayName: string;
  readonly policyId: string;
  /** Conductor's phase name: Observed, Soaking, Checking, AwaitingApproval, Approving, Passed, Inconclusive, … */
  readonly phase: string;
  /** When the gate entered that phase. */
  readonly since: string;
  /** The reason and message of the transition into the phase (the gate's last history entry). */
  readonly enteredBecause?: { readonly reason: string; readonly message?: string };
  /** Each check's standing (counters as the gate machine keeps them). */
  readonly checks: readonly {
    readonly name: string;
    readonly phase: string;
    readonly reason?: string;
    readonly lastOutcome?: string;
    readonly inconclusive: number;
    readonly errors: number;
  }[];
  /** The latest measurement's evaluations (reason and message per check), when one was recorded. */
  readonly lastMeasurement?: {
    readonly at: string;
    readonly evaluations: readonly {
      readonly checkName: string;
      readonly outcome: string;
      readonly reason: string;
      readonly message: string;
      /** The clusters that did not pass, with their reason (e.g. NoData). */
      readonly clusters: readonly { readonly clusterId: string; readonly outcome: string; readonly reason: string }[];
    }[];
  };
  /** A gate held only by query errors is measured again at this time. */
  readonly nextProbeAt?: string;
  /** For an Expired gate: what its policy did (only `hold` keeps the gate, and the run, waiting). */
  readonly onExpire?: string;
}

/** The open approval request of a gate: who was asked, since when, what came back so far. */
export interface ApprovalFact {
  readonly gateId: string;
  readonly requestedAt: string;
  readonly expiresAt: string;
  readonly asked: { readonly users: readonly string[]; readonly objectIds: readonly string[]; readonly groups: readonly string[]; readonly quorum: number };
  readonly channels: readonly string[];
  /** Distinct approvals received so far. */
  readonly approvals: number;
}

/** A Warning event of a member's cluster from KubeEvents (docs/azure-apis.md §8), aggregated per event object. */
export interface WarningEventFact {
  readonly clusterResourceId: string;
  readonly objectKind: string;
  readonly namespace: string;
  readonly name: string;
  readonly reason: string;
  readonly message: string;
  readonly source: string;
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** A fact family that could not be read: the diagnosis says so instead of guessing. */
export interface UnreadFact {
  readonly what: 'maintenanceConfigurations' | 'warningEvents';
  readonly subject: string;
  readonly error: string;
}

export interface DiagnosisPolicy {
  /** A member upgrading longer than this is "slower than expected" and its Warning events are looked up. */
  readonly memberUpgradeExpectedMinutes: number;
}

/** Everything diagnoseRun reads; gathered by the use case with bounded reads (docs/design.md §5.1). */
export interface RunFacts {
  readonly now: string;
  readonly run: RunSnapshot;
  readonly gates: readonly GateFact[];
  readonly approvals: readonly ApprovalFact[];
  /** Planned-maintenance configurations of the run's Pending members (read only for those). */
  readonly maintenance: readonly { readonly member: string; readonly configurations: readonly MaintenanceConfiguration[] }[];
  /** Warning events of the clusters of members upgrading longer than expected (one query for all of them). */
  readonly warningEvents: readonly WarningEventFact[];
  readonly unread: readonly UnreadFact[];
  readonly policy: DiagnosisPolicy;
}
