import type { CheckEvaluation } from '../domain/checks/checkEvaluation';
import type { GateAction } from '../domain/gates/gateActions';
import type { GateRef } from '../domain/gates/gateIdentity';
import type { GateState } from '../domain/gates/gateState';

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

/**
 * A lease on carrying out a stored journal: the reconciler that wrote (or claimed, ETag-guarded) it is the only one
 * that acts on it until `until`; after that — the holder crashed or hung — any reconciler may claim it and replay.
 */
export interface JournalClaim {
  readonly until: string;
}

export interface GateRecord {
  readonly state: GateState;
  /** Effects decided but not yet confirmed carried out; empty when the gate is at rest. */
  readonly journal: readonly JournalEntry[];
  /** Present while a reconciler is carrying the journal out (see JournalClaim). */
  readonly claim?: JournalClaim;
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
