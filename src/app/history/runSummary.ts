import type { UpgradeTarget } from '../../domain/versions/fleetFacts';

/** One line of `GET /api/runs`. */
export interface RunSummary {
  readonly fleet: string;
  readonly run: string;
  /** Fleet UpdateState: NotStarted | Running | Stopping | Stopped | Skipped | Failed | Pending | Completed */
  readonly state: string;
  readonly target?: UpgradeTarget;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  readonly createdBy: string;
  readonly observedAt: string;
}

/** `GET /api/runs` page: newest first; pass `continuationToken` back for the next page (absent on the last). */
export interface RunPage {
  readonly items: readonly RunSummary[];
  readonly continuationToken?: string;
}

export interface ListRunsQuery {
  readonly fleet?: string;
  readonly state?: string;
  /** Only runs created at or after this time. */
  readonly since?: string;
  /** 1–200, default 50. */
  readonly limit: number;
  readonly continuationToken?: string;
}
