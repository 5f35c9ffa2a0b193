import type { CheckType, Comparator } from './checkSpec';
import type { CheckReason, ClusterReason } from './checkReasons';
import type { TimeWindow } from './checkQuery';

/** Argo-style outcome of one measurement. Error means "could not measure"; it never counts as a pass. */
export type CheckOutcome = 'Successful' | 'Failed' | 'Inconclusive' | 'Error';

export interface QueryColumn {
  readonly name: string;
  readonly type?: string;
}

/** A successful Log Analytics answer (first table), as the LogsQuery port returns it. */
export interface QueryRows {
  readonly columns: readonly QueryColumn[];
  readonly rows: readonly (readonly unknown[])[];
}

/**
 * Error code a LogsQuery adapter reports when the workspace does not exist (Log Analytics answers 404
 * PathNotFoundError): a configuration mistake, not missing data.
 */
export const WORKSPACE_NOT_FOUND = 'WorkspaceNotFound';

/** A failed query (HTTP error, timeout, partial result), as the LogsQuery port returns it. */
export interface QueryFailure {
  readonly error: { readonly code?: string; readonly message: string };
}

export type QueryResult = QueryRows | QueryFailure;

/** The verdict for one cluster in one evaluation. `value` is null when there was no usable value. */
export interface ClusterVerdict {
  readonly clusterId: string;
  readonly value: number | null;
  readonly outcome: CheckOutcome;
  readonly reason: ClusterReason;
}

/** What is kept as evidence for one evaluation: exact query, window, capped rows. */
export interface CheckEvidence {
  readonly query: string;
  readonly window: TimeWindow;
  readonly columns: readonly string[];
  /** At most MAX_EVIDENCE_ROWS rows, in the order Log Analytics returned them. */
  readonly rows: readonly (readonly unknown[])[];
  /** How many rows were left out of `rows`. */
  readonly truncatedRows: number;
  readonly error?: { readonly code?: string; readonly message: string };
}

/** The result of evaluating one check once, for all gated clusters. Plain JSON. */
export interface CheckEvaluation {
  readonly checkName: string;
  readonly checkType: CheckType;
  /** Dry-run evaluations are recorded but never fail the gate. */
  readonly dryRun: boolean;
  readonly outcome: CheckOutcome;
  readonly reason: CheckReason;
  readonly message: string;
  readonly comparator: Comparator;
  readonly threshold: number;
  readonly perCluster: readonly ClusterVerdict[];
  readonly evidence: CheckEvidence;
}

/** Rows kept per evaluation in evidence. */
export const MAX_EVIDENCE_ROWS = 50;
