/**
 * The capabilities use cases need from the outside world (DESIGN §1). Adapters implement them; use cases see
 * nothing else. Method names follow the Azure SDK verbs: get* returns undefined when missing, list* pages,
 * upsert* creates or replaces.
 */
import type { CheckEvaluation, QueryResult } from './domain/checks/checkEvaluation';
import type { TimeWindow } from './domain/checks/checkQuery';
import type { GateAction } from './domain/gates/gateActions';
import type { GateRef } from './domain/gates/gateIdentity';
import type { GateState } from './domain/gates/gateState';
import type { RunStatusView } from './domain/gates/runStatus';

/** The outcome of one timer invocation, kept so /api/health can show when each timer last ran. */
export interface TimerRun {
  readonly functionName: string;
  /** The schedule as registered (e.g. `%RECONCILE_SCHEDULE%` or `0 *\/5 * * * *`). */
  readonly schedule: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly isPastDue: boolean;
  readonly outcome: 'Succeeded' | 'Failed';
  /** The error message when outcome is Failed. */
  readonly error?: string;
}

export interface TimerRunLog {
  /** Records the latest run of a timer, replacing the previous one. */
  upsertTimerRun(run: TimerRun): Promise<void>;
  /** The latest run of every timer that ever ran, by function name. */
  listTimerRuns(): Promise<readonly TimerRun[]>;
}

export interface Clock {
  /** Current time as an ISO-8601 string (UTC). */
  nowIso(): string;
}

/** Where use cases write operational log lines (the invocation's log in Functions). */
export interface AppLog {
  info(message: string, data?: Readonly<Record<string, unknown>>): void;
  warn(message: string, data?: Readonly<Record<string, unknown>>): void;
}

// ---------------------------------------------------------------------------------------------------------------
// Fleet Manager (ARM). Adapters map ARM JSON to these shapes; no SDK type crosses this line.

/** A Fleet approval gate (`fleets/gates`, 2025-04-01-preview+). */
export interface FleetGate {
  /** Fleet ARM id the gate belongs to. */
  readonly fleetId: string;
  /** The gate's name: a lowercase GUID. */
  readonly gateId: string;
  readonly displayName: string;
  readonly gateType: string;
  /** Pending | Completed | Skipped */
  readonly state: string;
  readonly runName: string;
  readonly stage: string;
  readonly group?: string;
  readonly timing: 'Before' | 'After';
}

/** An update run as last observed, with the status tree the gate logic reads. */
export interface FleetUpdateRun {
  readonly fleetId: string;
  readonly name: string;
  /** NotStarted | Running | Stopping | Stopped | Skipped | Failed | Pending | Completed */
  readonly state: string;
  readonly status: RunStatusView;
  readonly etag?: string;
}

/** Targets of `updateRuns/{run}/skip`. For AfterStageWait, `name` is the stage's. */
export interface SkipTarget {
  readonly type: 'Member' | 'Group' | 'Stage' | 'AfterStageWait';
  readonly name: string;
}

/** A strategy stage as Conductor manages it (gates by display name). */
export interface StrategyStage {
  readonly name: string;
  readonly afterStageWaitInSeconds?: number;
  readonly beforeGates?: readonly { readonly displayName: string }[];
  readonly afterGates?: readonly { readonly displayName: string }[];
  readonly groups: readonly {
    readonly name: string;
    readonly beforeGates?: readonly { readonly displayName: string }[];
    readonly afterGates?: readonly { readonly displayName: string }[];
  }[];
}

export interface FleetApi {
  /** Gates of a fleet; with `state`, only those in it (server-side `$filter`). */
  listGates(fleetId: string, options?: { readonly state?: 'Pending' }): Promise<readonly FleetGate[]>;
  /** Returns undefined when the gate does not exist (its run was deleted). */
  getGate(fleetId: string, gateId: string): Promise<FleetGate | undefined>;
  /** PATCHes the gate to Completed. Idempotent: completing a completed gate succeeds. */
  completeGate(fleetId: string, gateId: string): Promise<void>;
  /** Returns undefined when the run does not exist. */
  getUpdateRun(fleetId: string, runName: string): Promise<FleetUpdateRun | undefined>;
  listUpdateRuns(fleetId: string): Promise<readonly FleetUpdateRun[]>;
  /** Stops a running run; stopping a run that is already Stopping/Stopped succeeds. */
  stopUpdateRun(fleetId: string, runName: string): Promise<void>;
  skipUpdateRun(fleetId: string, runName: string, targets: readonly SkipTarget[]): Promise<void>;
  /** The stages of a named update strategy; undefined when it does not exist. */
  getUpdateStrategy(fleetId: string, strategyName: string): Promise<readonly StrategyStage[] | undefined>;
  /** Creates or replaces the named update strategy. */
  upsertUpdateStrategy(fleetId: string, strategyName: string, stages: readonly StrategyStage[]): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Log Analytics

export interface LogsQuery {
  /**
   * Runs one KQL query over `window`. Never throws for a service failure: errors (HTTP, timeout, partial
   * results) come back as a QueryFailure, which the check semantics count as Error, never as a pass.
   */
  query(workspaceId: string, kql: string, window: TimeWindow): Promise<QueryResult>;
}

// ---------------------------------------------------------------------------------------------------------------
// Conductor's state (Table Storage). Writes are guarded by ETags; a stale one throws ConcurrencyError.

/** Another writer changed the record first (ETag mismatch) or it already exists (create). Reload and decide again. */
export class ConcurrencyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConcurrencyError';
  }
}

/**
 * Side effects of a decision, written in the same guarded write as the state that decided them: only the writer
 * that wins the ETag race carries them out, and a crash between "decided" and "acted" leaves them to be replayed.
 * Ids are deterministic (`<gate>/v<version>/<index>`) so replaying never duplicates a record.
 */
export interface JournalEntry {
  readonly id: string;
  readonly action: GateAction;
}

export interface GateRecord {
  readonly state: GateState;
  /** Effects decided but not yet confirmed carried out; empty when the gate is at rest. */
  readonly journal: readonly JournalEntry[];
}

export interface StoredGate extends GateRecord {
  readonly etag: string;
}

export interface GateStore {
  /** Returns undefined when Conductor has not seen the gate yet. */
  getGate(fleetId: string, gateId: string): Promise<StoredGate | undefined>;
  /** Throws ConcurrencyError when the gate is already stored. */
  createGate(record: GateRecord): Promise<StoredGate>;
  /** Throws ConcurrencyError when `etag` is stale. */
  replaceGate(record: GateRecord, etag: string): Promise<StoredGate>;
  /** Every stored gate of one update run, in gate-id order. */
  listRunGates(fleetId: string, runName: string): Promise<readonly GateState[]>;
  /** Gate ids of a fleet that still need Conductor: undecided, awaiting a confirmation, or with effects to replay. */
  listOpenGateIds(fleetId: string): Promise<readonly string[]>;
}

/** True while a stored gate needs reconciling (see GateStore.listOpenGateIds). */
export function isOpenGate(record: GateRecord): boolean {
  const settled = ['Passed', 'Failed', 'Rejected', 'Expired', 'Inconclusive', 'Bypassed', 'Cancelled'].includes(record.state.phase.name);
  return !settled || record.state.pendingCommand !== undefined || record.journal.length > 0;
}

/** One measurement's evaluations of a gate's checks. */
export interface GateEvidence {
  readonly gate: GateRef;
  readonly measurement: number;
  readonly at: string;
  readonly evaluations: readonly CheckEvaluation[];
}

export interface EvidenceStore {
  /** Idempotent: storing the same gate and measurement again replaces it. */
  putEvidence(evidence: GateEvidence): Promise<void>;
  listEvidence(gate: GateRef): Promise<readonly GateEvidence[]>;
}

/** One entry of a run's audit trail. `id` is deterministic, so re-appending after a crash adds nothing. */
export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly fleetId: string;
  readonly runName: string;
  /** e.g. GateTransition, GateCompleted, RunStopped, ForeignGateIgnored */
  readonly kind: string;
  readonly actor: string;
  readonly message: string;
  readonly gateId?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface AuditLog {
  /** Idempotent by event id: the first write of an id wins. */
  appendAuditEvents(events: readonly AuditEvent[]): Promise<void>;
  /** A run's trail, oldest first. */
  listAuditEvents(fleetId: string, runName: string): Promise<readonly AuditEvent[]>;
}

/** A notification waiting to be sent. `id` is deterministic, so a decision re-queued after a crash is sent once. */
export interface OutboxMessage {
  readonly id: string;
  readonly createdAt: string;
  readonly channel: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface OutboxEntry extends OutboxMessage {
  readonly status: 'Pending' | 'Sent' | 'Failed';
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError?: string;
  readonly etag: string;
}

export interface Outbox {
  /** Idempotent by message id: an already queued (or sent) message is left as it is. */
  enqueue(messages: readonly OutboxMessage[]): Promise<void>;
  /** Pending messages whose next attempt is due at `now`, oldest first, at most `limit`. */
  listDue(now: string, limit: number): Promise<readonly OutboxEntry[]>;
  /**
   * Takes a message for sending until `leaseUntil` (it is not listed as due meanwhile). ETag-guarded: throws
   * ConcurrencyError when another sender claimed it first. Returns the claimed entry (with its new ETag).
   */
  claim(entry: OutboxEntry, leaseUntil: string): Promise<OutboxEntry>;
  /** ETag-guarded; throws ConcurrencyError when another sender got there first. */
  markSent(entry: OutboxEntry, at: string): Promise<void>;
  markAttemptFailed(entry: OutboxEntry, error: string, nextAttemptAt: string, giveUp: boolean): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Notifications

/** A delivery that did not work; `retryAfterSeconds` when the receiver said when to come back (429/503). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly options: { readonly retryAfterSeconds?: number; readonly permanent?: boolean } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface Notifier {
  /** Delivers one outbox message; throws DeliveryError when it could not. */
  send(message: OutboxMessage): Promise<void>;
}
