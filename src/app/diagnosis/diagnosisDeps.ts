import type { ConductorConfig } from '../../domain/config/conductorConfig';
import type { DiagnosisPolicy } from '../../domain/diagnosis/runFacts';
import type { ApprovalStore, Clock, EvidenceStore, GateStore, LogsQuery, PreflightSource } from '../../ports';

/**
 * What the stuck-run diagnosis reads: Conductor's own gates, evidence and approval ledgers (Table Storage), and only
 * when a member needs it, AKS maintenance configurations (ARM) and KubeEvents (Log Analytics). Without `preflight`
 * or `logs` those facts are reported unread.
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
}
