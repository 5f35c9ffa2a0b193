import type { RunSnapshot } from '../domain/history/runSnapshot';
import { FLEET_RUN_STATES, isTerminal } from '../domain/runs/fleetRunState';

/** A continuation token that is not one this store issued for this query (tampered, or from another query). */
export class InvalidContinuationTokenError extends Error {
  constructor(message = 'continuationToken is not valid for this query') {
    super(message);
    this.name = 'InvalidContinuationTokenError';
  }
}

export interface RunHistoryQuery {
  readonly fleet?: string;
  readonly state?: string;
  /** Only runs created at or after this ISO time. */
  readonly since?: string;
  readonly limit: number;
  readonly continuationToken?: string;
}

/**
 * Run states after which nothing changes in a run any more: Fleet's terminal states (docs/azure-apis.md §2), and
 * `Deleted`, which history gives a run that disappeared from Fleet.
 */
export const FINISHED_RUN_STATES: readonly string[] = [...FLEET_RUN_STATES.filter(isTerminal), 'Deleted'];

/** Every update run Conductor has observed, newest first, kept after Fleet's own view moved on. */
export interface RunHistoryStore {
  /** Records the latest snapshot of a run, replacing the previous one. */
  upsertRun(snapshot: RunSnapshot): Promise<void>;
  /** The same for many runs at once, in as few requests as the store allows (backfills, busy reconciles). */
  upsertRuns(snapshots: readonly RunSnapshot[]): Promise<void>;
  /** Names of the fleet's runs whose latest snapshot is unfinished (NotStarted, Running, Pending, Stopping): one small query. */
  listActiveRunNames(fleetName: string): Promise<readonly string[]>;
  /** Undefined when the run was never observed. */
  getRun(fleetName: string, runName: string): Promise<RunSnapshot | undefined>;
  /**
   * Retention: forgets at most `limit` finished runs created before `before` (in no set order), returns how many. The
   * work per call is bounded by `limit` whatever the history holds; call again until it returns less than `limit`.
   * Unfinished runs are kept whatever their age (they still need Conductor).
   */
  pruneRuns(before: string, limit: number): Promise<number>;
  /** Newest first (by creation time). Throws InvalidContinuationTokenError for a token it did not issue. */
  listRuns(query: RunHistoryQuery): Promise<{ readonly items: readonly RunSnapshot[]; readonly continuationToken?: string }>;
}
