import { DEFAULT_COLLECTION, type CollectionPreset, type CollectionSettings } from '../checks/collection';
import type { ApprovalPolicy } from '../approvals/approvalPolicy';
import type { CheckSpec, NoDataPolicy } from '../checks/checkSpec';

/**
 * Argo-Rollouts-style analysis settings, shared by every check of a policy. Counting semantics are specified
 * on tallyMeasurement (checkTally.ts).
 */
export interface AnalysisSettings {
  /** Soak after the gate is observed before the first measurement. @default 300 (covers Log Analytics ingestion latency) */
  readonly initialDelaySeconds: number;
  /** Time between measurements (from the start of one to the start of the next). @default 60 */
  readonly intervalSeconds: number;
  /** Measurements (Error excluded) each check needs before it can succeed. @default 1 */
  readonly count: number;
  /** Failed measurements tolerated per check; the check fails when failed > failureLimit. @default 0 */
  readonly failureLimit: number;
  /** Inconclusive measurements tolerated per check; exceeded → Inconclusive (held). @default 0 */
  readonly inconclusiveLimit: number;
  /** Query errors in a row tolerated per check; exceeded → Inconclusive (errors never pass). @default 4 */
  readonly consecutiveErrorLimit: number;
  /** What a cluster without data counts as. @default 'inconclusive' */
  readonly noDataPolicy: NoDataPolicy;
  /** Record every check but never fail the gate on them (a check's own `dryRun` wins). @default false */
  readonly dryRun: boolean;
  /**
   * After a hold caused only by query errors (a Log Analytics outage longer than consecutiveErrorLimit), measure
   * again up to this many times, `intervalSeconds × 2^n` apart (at most an hour); 0 keeps the hold for a human.
   * A probe passes nothing by itself: the checks must still succeed on data. @default 5
   */
  readonly recoveryProbes?: number;
  /** The clusters' Container Insights collection preset; sets default lookbacks and what can be observed. @default 'standard' */
  readonly collectionPreset?: CollectionPreset;
  /** Worst-case Log Analytics ingestion delay to plan windows for, in minutes. @default 3 */
  readonly ingestionDelayMinutes?: number;
}

/** The collection settings a policy's analysis declares, defaults applied. */
export function collectionOf(analysis: AnalysisSettings): CollectionSettings {
  return {
    preset: analysis.collectionPreset ?? DEFAULT_COLLECTION.preset,
    ingestionDelayMinutes: analysis.ingestionDelayMinutes ?? DEFAULT_COLLECTION.ingestionDelayMinutes,
  };
}

/**
 * The approval step of a gate policy: the typed approval policy (approvers, quorum, expiry, onReject, onExpire,
 * requireChecksFirst, channels), see src/domain/approvals/approvalPolicy.ts. The gate state machine reads
 * `onReject`, `onExpire` and `requireChecksFirst`; everything else is the approvals module's.
 */
export type ApprovalSettings = ApprovalPolicy;

/** A gate policy: referenced by Fleet gates named `conductor:<id>`. Plain JSON (pinned into gate state). */
export interface GatePolicy {
  readonly id: string;
  readonly checks: readonly CheckSpec[];
  readonly analysis: AnalysisSettings;
  /**
   * When absent the gate goes straight from Checking to Approving (no human step). When present the gate completes
   * only once its checks passed AND the approval quorum is reached.
   */
  readonly approval?: ApprovalSettings;
}

export const DEFAULT_ANALYSIS: AnalysisSettings = {
  initialDelaySeconds: 300,
  intervalSeconds: 60,
  count: 1,
  failureLimit: 0,
  inconclusiveLimit: 0,
  consecutiveErrorLimit: 4,
  noDataPolicy: 'inconclusive',
  dryRun: false,
  recoveryProbes: 5,
};

/** Policy ids fit in a gate displayName (`conductor:` + id ≤ 100 characters). */
export const POLICY_ID_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const POLICY_ID_MAX_LENGTH = 90;
