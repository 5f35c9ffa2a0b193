import type { ConductorConfig } from '../../domain/config/conductorConfig';
import type { AppLog, AuditLog, Clock, FleetApi, GateStore, Outbox, ReleaseSource, ReleaseStore, RunCreator, RunHistoryStore } from '../../ports';

/** What the release use cases act through. */
export interface ReleaseDeps {
  readonly source: ReleaseSource;
  readonly runs: RunCreator;
  readonly fleet: FleetApi;
  readonly releases: ReleaseStore;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  readonly clock: Clock;
  readonly config: ConductorConfig;
  readonly log: AppLog;
  /** The gates Conductor decided, to tell why a run stopped (a failed gate holds it). Without it only Fleet's state is read. */
  readonly gates?: Pick<GateStore, 'listRunGates'>;
  /**
   * Run history's index of unfinished runs: when given, evaluations that create nothing read a fleet's active run
   * there instead of listing the fleet's whole run history in ARM; a run is still only created on Fleet's own list.
   */
  readonly history?: Pick<RunHistoryStore, 'listActiveRunNames' | 'getRun'>;
}
