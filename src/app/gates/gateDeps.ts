import type { ConductorConfig } from '../../domain/config/conductorConfig';
import type { ApprovalWiring } from '../approvals/approvalWiring';
import type { RunHistoryRecorder } from '../history/RunHistoryRecorder';
import type { AppLog, AuditLog, Clock, EvidenceStore, FleetApi, GateStore, LogsQuery, Notifier, Outbox } from '../../ports';

/**
 * What the gate use cases act through (the one dependency type of the gate family; approval use cases take it with
 * approvals wired, see ApprovalDeps). The composition holds everything but `log` for the process and adds the log of
 * each invocation when it calls a use case.
 */
export interface GateDeps {
  readonly fleet: FleetApi;
  readonly logs: LogsQuery;
  readonly gates: GateStore;
  readonly evidence: EvidenceStore;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  readonly clock: Clock;
  readonly config: ConductorConfig;
  /** The log of this invocation (per call, not per process). */
  readonly log: AppLog;
  /** The notifier that delivers due outbox messages, logging to the given invocation's log. */
  readonly notifier: (log: AppLog) => Notifier;
  /** Keeps run history current from the reconcile's own reads; absent: the timer records no history. */
  readonly recorder?: RunHistoryRecorder;
  /** Human approvals; without them a requestApproval only queues a plain `approvals` notification (no links, no ledger). */
  readonly approvals?: ApprovalWiring;
}
