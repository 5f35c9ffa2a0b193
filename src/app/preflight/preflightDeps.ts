import type { ConductorConfig } from '../../domain/config/conductorConfig';
import type { Clock, LogsQuery, PreflightSource, ReleaseSource, ReleaseStore } from '../../ports';

/** What the preflight reads: config, ARM (members, clusters, versions, permissions, maintenance), Log Analytics, the last release evaluation. */
export interface PreflightDeps {
  readonly config: ConductorConfig;
  readonly source: ReleaseSource;
  readonly preflight: PreflightSource;
  readonly logs: LogsQuery;
  readonly releases: Pick<ReleaseStore, 'getEvaluation'>;
  readonly clock: Clock;
}
