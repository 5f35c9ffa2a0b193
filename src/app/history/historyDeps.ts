import type { ConductorConfig } from '../../domain/config/conductorConfig';
import type { ApprovalWiring } from '../approvals/approvalWiring';
import type { DiagnosisDeps } from '../diagnosis/diagnosisDeps';
import type { AuditLog, Clock, PreflightStore, EvidenceStore, FleetApi, GateStore, ReleaseSource, ReleaseStore, RunCreator, RunHistoryStore } from '../../ports';

/**
 * What the run-facing use cases act through — run history and detail, fleet views and plans, and operator actions
 * on runs and gates: one family, one dependency type.
 */
export interface HistoryDeps {
  readonly config: ConductorConfig;
  readonly fleet: FleetApi;
  readonly source: ReleaseSource;
  readonly runs: RunCreator;
  readonly history: RunHistoryStore;
  readonly releases: ReleaseStore;
  readonly gates: GateStore;
  readonly evidence: EvidenceStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** Approval ledgers (and the link signer) when approvals are wired. */
  readonly approvals?: ApprovalWiring;
  /** Stuck-run diagnosis of active runs; absent: the run detail has no `diagnosis`. */
  readonly diagnosis?: DiagnosisDeps;
  /** Stored preflight reports, shown in the fleet view; absent: the view has no `preflight`. */
  readonly preflights?: Pick<PreflightStore, 'getPreflight'>;
}
