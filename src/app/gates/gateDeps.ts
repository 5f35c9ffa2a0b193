import type { ConductorConfig } from '../../domain/config/conductorConfig';
import type { ApprovalDeps } from '../approvals/approvalDeps';
import type { AppLog, AuditLog, Clock, EvidenceStore, FleetApi, GateStore, LogsQuery, Outbox } from '../../ports';

/** What the gate use cases act through. */
export interface GateDeps {
  readonly fleet: FleetApi;
  readonly logs: LogsQuery;
  readonly gates: GateStore;
  readonly evidence: EvidenceStore;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  readonly clock: Clock;
  readonly config: ConductorConfig;
  readonly log: AppLog;
  /** Human approvals; without them a requestApproval only queues a plain `approvals` notification (no links, no ledger). */
  readonly approvals?: ApprovalDeps;
}
