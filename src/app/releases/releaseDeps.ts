import type { ConductorConfig } from '../../domain/config/conductorConfig';
import type { AppLog, AuditLog, Clock, FleetApi, GateStore, Outbox, ReleaseSource, ReleaseStore, RunCreator, RunHistoryStore } from '../../ports';
import type { ReleaseOutcome } from './releaseEvaluation';
import type { FleetEvaluationQueue } from './FleetEvaluationQueue';
import type { MemberIndex } from './MemberIndex';

/**
 * What the release use cases act through (the one dependency type of the release family; built for a process by
 * createReleaseDeps, which the composition holds without `log` and completes with each invocation's log).
 */
export interface ReleaseDeps {
  readonly source: ReleaseSource;
  readonly runs: RunCreator;
  readonly fleet: FleetApi;
  readonly releases: ReleaseStore;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  readonly clock: Clock;
  readonly config: ConductorConfig;
  /** The log of this invocation (per call, not per process). */
  readonly log: AppLog;
  /** The gates Conductor decided, to tell why a run stopped (a failed gate holds it). Without it only Fleet's state is read. */
  readonly gates?: Pick<GateStore, 'listRunGates'>;
  /**
   * Run history's index of unfinished runs: when given, evaluations that create nothing read a fleet's active run
   * there instead of listing the fleet's whole run history in ARM; a run is still only created on Fleet's own list.
   */
  readonly history?: Pick<RunHistoryStore, 'listActiveRunNames' | 'getRun'>;
  /** Which configured fleets a cluster belongs to (AKS events name a cluster), kept for the process. */
  readonly index: MemberIndex;
  /** Coalesces evaluations per fleet (poll and AKS events) for the process; it calls detectReleases with its own deps. */
  readonly queue: FleetEvaluationQueue<ReleaseOutcome, AppLog>;
}
