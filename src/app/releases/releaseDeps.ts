import type { ConductorConfig } from '../../domain/config/conductorConfig';
import type { AppLog, AuditLog, Clock, FleetApi, Outbox, ReleaseSource, ReleaseStore, RunCreator } from '../../ports';

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
}
