import type { ConductorConfig } from '../../domain/config/conductorConfig';
import type { DiagnosisPolicy } from '../../domain/diagnosis/runFacts';
import type { ApprovalStore, AuditLog, Clock, EvidenceStore, GateStore, LogsQuery, Outbox, PreflightSource, RunHistoryStore } from '../../ports';

/**
 * What the stuck-run diagnosis acts through (the run detail's diagnosis and the timer's stuck-run watch): it reads
 * Conductor's own gates, evidence and approval ledgers (Table Storage), and only when a member needs it, AKS
 * maintenance configurations (ARM) and KubeEvents (Log Analytics); without `preflight` or `logs` those facts are
 * reported unread. The watch also walks the run history and notifies through the outbox.
 */
export interface DiagnosisDeps {
  readonly config: ConductorConfig;
  readonly gates: Pick<GateStore, 'listRunGates'>;
  readonly evidence: Pick<EvidenceStore, 'listEvidence'>;
  readonly approvals?: Pick<ApprovalStore, 'getLedger'>;
  readonly preflight?: Pick<PreflightSource, 'listMaintenanceConfigurations'>;
  readonly logs?: LogsQuery;
  readonly clock: Clock;
  readonly policy: DiagnosisPolicy;
  readonly history: Pick<RunHistoryStore, 'listActiveRunNames' | 'getRun'>;
  readonly audit: AuditLog;
  readonly outbox: Pick<Outbox, 'enqueue'>;
  /** A run stuck this long is notified (STUCK_RUN_NOTIFY_AFTER_MINUTES). */
  readonly stuckNotifyAfterMinutes: number;
}
