import type { ConductorConfig } from '../../domain/config/conductorConfig';
import type { Clock, LogsQuery, PreflightSource, PreflightStore, ReleaseSource, ReleaseStore } from '../../ports';

/**
 * What the preflight acts through (on request and from the timer's watch): it reads config, ARM (members, clusters,
 * versions, permissions, maintenance), Log Analytics and the last release evaluation; the watch stores its reports.
 */
export interface PreflightDeps {
  readonly config: ConductorConfig;
  readonly source: ReleaseSource;
  readonly preflight: PreflightSource;
  readonly logs: LogsQuery;
  readonly releases: Pick<ReleaseStore, 'getEvaluation'>;
  readonly clock: Clock;
  /** Stored preflight reports (written by the timer's watch, read by the fleet view). */
  readonly store: PreflightStore;
  /** SHA-256 of conductor.yaml as this process loaded it. */
  readonly configHash: string;
  /** PREFLIGHT_REFRESH_HOURS. */
  readonly refreshHours: number;
}
