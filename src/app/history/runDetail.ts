import type { RunSnapshot } from '../../domain/history/runSnapshot';
import type { GateState } from '../../domain/gates/gateState';
import type { Reason } from '../../domain/versions/reasons';
import type { AuditEvent, GateEvidence } from '../../ports';
import type { ApprovalView } from './approvalHistory';
import type { RunDiagnosis } from '../../domain/diagnosis/runDiagnosis';

/** One thing that happened, for the timeline (run, stage, group, member, gate, decision). */
export interface TimelineEntry {
  readonly at: string;
  /** `run` | `stage` | `group` | `member` | `gate` | `audit` */
  readonly scope: string;
  /** e.g. `canary`, `canary/prod-us`, `canary/prod-us/member-1`, a gate displayName. */
  readonly subject: string;
  readonly what: string;
}

/** A gate of the run as Conductor decided it, with every measurement's evidence. */
export interface GateDetail {
  readonly state: GateState;
  readonly evidence: readonly GateEvidence[];
}

/** `GET /api/runs/{fleet}/{run}` and the timeline page: everything known about one run. */
export interface RunDetail {
  readonly run: RunSnapshot;
  /** Present when Conductor created the run: what triggered it and the policy's explanation. */
  readonly creation?: {
    readonly trigger: { readonly kind: string; readonly eventIds: readonly string[] };
    readonly explanation: readonly Reason[];
    readonly createdBy: string;
    readonly createdAt: string;
    readonly attempt: number;
  };
  readonly gates: readonly GateDetail[];
  /** Every approval request of the run's gates with its decisions; pending links only for operators. */
  readonly approvals: readonly ApprovalView[];
  readonly events: readonly AuditEvent[];
  /** Everything above merged in time order. */
  readonly timeline: readonly TimelineEntry[];
  /** Why the run is not progressing (active runs, when diagnosis is wired): causes with evidence and a fix. */
  readonly diagnosis?: RunDiagnosis;
}
