import { checkRule, type CheckRule } from './checkRule';
import { compare, type CheckSpec, type NoDataPolicy } from './checkSpec';
import type { KqlQuery } from './checkQuery';
import { CheckReason, ClusterReason } from './checkReasons';
import {
  MAX_EVIDENCE_ROWS,
  type CheckEvaluation,
  type CheckEvidence,
  type CheckOutcome,
  type ClusterVerdict,
  type QueryResult,
  type QueryRows,
} from './checkEvaluation';
import { WORKSPACE_NOT_FOUND } from './checkEvaluation';

export interface EvaluateCheckInput {
  readonly spec: CheckSpec;
  /** The gated clusters (managed cluster ARM ids); matched case-insensitively against the cluster-id column. */
  readonly clusters: readonly string[];
  /** The query that produced `result` (kept as evidence with its window). */
  readonly query: KqlQuery;
  readonly result: QueryResult;
  /** Policy-level defaults; the spec's own `noDataPolicy`/`dryRun` win when set. */
  readonly defaults: { readonly noDataPolicy: NoDataPolicy; readonly dryRun: boolean };
}

/**
 * `metrics-flowing` counts a silent cluster as 0 rows — but only over a window long enough to hold a sample (the
 * spec's `expectSampleWithinMinutes`: one collection interval plus the ingestion delay). A window cut short by the
 * end of the upgrade proves nothing about silence: a cluster without rows there is "no data" (noDataPolicy).
 */
function silenceRule(rule: CheckRule, spec: CheckSpec, query: KqlQuery): CheckRule {
  if (spec.type !== 'metrics-flowing' || rule.missingRow !== 'zero') return rule;
  const windowMs = Date.parse(query.window.end) - Date.parse(query.window.start);
  const neededMs = (spec.expectSampleWithinMinutes ?? spec.lookbackMinutes) * 60_000;
  return windowMs >= neededMs ? rule : { ...rule, missingRow: 'noData' };
}

/**
 * Turns one query result into per-cluster verdicts and a check outcome.
 * Per cluster: one row → compare its value with the threshold (Successful/Failed); no row → noDataPolicy
 * (default Inconclusive; `metrics-flowing` counts it as 0); several rows or a non-numeric value → Error.
 * Check outcome, worst first: any Failed → Failed; else any Error → Error; else any Inconclusive → Inconclusive;
 * else Successful. A failed query, or a result without the expected columns, is Error for every cluster.
 * No clusters at all → Inconclusive: nothing was verified, so nothing passes.
 */
export function evaluateCheck(input: EvaluateCheckInput): CheckEvaluation {
  const { spec, clusters, query, result } = input;
  const rule = silenceRule(checkRule(spec), spec, query);
  const base = {
    checkName: spec.name,
    checkType: spec.type,
    dryRun: spec.dryRun ?? input.defaults.dryRun,
    comparator: rule.comparator,
    threshold: rule.threshold,
  };
  const allError = (reason: CheckReason, message: string, evidence: CheckEvidence): CheckEvaluation => ({
    ...base,
    outcome: 'Error',
    reason,
    message,
    perCluster: clusters.map((clusterId) => ({ clusterId, value: null, outcome: 'Error', reason: ClusterReason.QueryFailed })),
    evidence,
  });

  if ('error' in result) {
    const evidence: CheckEvidence = { query: query.text, window: query.window, columns: [], rows: [], truncatedRows: 0, error: result.error };
    if (result.error.code === WORKSPACE_NOT_FOUND) {
      return allError(CheckReason.WorkspaceMisconfigured, `misconfigured workspace: ${result.error.message}`, evidence);
    }
    return allError(CheckReason.QueryFailed, `query failed: ${result.error.message}`, evidence);
  }
  const evidence = rowsEvidence(query, result);
  const rowsByCluster = groupRows(result, rule);
  if (typeof rowsByCluster === 'string') return allError(CheckReason.ResultContractViolated, rowsByCluster, evidence);

  const noDataPolicy = spec.noDataPolicy ?? input.defaults.noDataPolicy;
  const perCluster = clusters.map((clusterId) =>
    clusterVerdict(clusterId, rowsByCluster.get(clusterId.toLowerCase()) ?? [], rule, noDataPolicy),
  );
  const { outcome, reason } = aggregate(perCluster);
  return { ...base, outcome, reason, message: summarize(perCluster, outcome, rule), perCluster, evidence };
}

function rowsEvidence(query: KqlQuery, result: QueryRows): CheckEvidence {
  return {
    query: query.text,
    window: query.window,
    columns: result.columns.map((column) => column.name),
    rows: result.rows.slice(0, MAX_EVIDENCE_ROWS),
    truncatedRows: Math.max(0, result.rows.length - MAX_EVIDENCE_ROWS),
  };
}

/** Groups values by lower-cased cluster id, or returns a contract-violation message. */
function groupRows(result: QueryRows, rule: CheckRule): Map<string, unknown[]> | string {
  const names = result.columns.map((column) => column.name);
  const idIndex = names.indexOf(rule.clusterIdColumn);
  const valueIndex = names.indexOf(rule.valueColumn);
  if (idIndex < 0 || valueIndex < 0) {
    return `result must have columns ${rule.clusterIdColumn} and ${rule.valueColumn}; got ${names.join(', ') || 'none'}`;
  }
  const grouped = new Map<string, unknown[]>();
  for (const row of result.rows) {
    const id = row[idIndex];
    if (typeof id !== 'string') return `column ${rule.clusterIdColumn} must hold strings`;
    const key = id.toLowerCase();
    grouped.set(key, [...(grouped.get(key) ?? []), row[valueIndex]]);
  }
  return grouped;
}

function clusterVerdict(clusterId: string, values: readonly unknown[], rule: CheckRule, noDataPolicy: NoDataPolicy): ClusterVerdict {
  if (values.length > 1) return { clusterId, value: null, outcome: 'Error', reason: ClusterReason.DuplicateRows };
  if (values.length === 0) {
    if (rule.missingRow === 'zero') return thresholdVerdict(clusterId, 0, rule);
    switch (noDataPolicy) {
      case 'inconclusive':
        return { clusterId, value: null, outcome: 'Inconclusive', reason: ClusterReason.NoData };
      case 'fail':
        return { clusterId, value: null, outcome: 'Failed', reason: ClusterReason.NoDataTreatedAsFailure };
      case 'pass':
        return { clusterId, value: null, outcome: 'Successful', reason: ClusterReason.NoDataTreatedAsPass };
      default: {
        const unreachable: never = noDataPolicy;
        return unreachable;
      }
    }
  }
  const value = toNumber(values[0]);
  if (value === undefined) return { clusterId, value: null, outcome: 'Error', reason: ClusterReason.ValueNotNumeric };
  return thresholdVerdict(clusterId, value, rule);
}

function thresholdVerdict(clusterId: string, value: number, rule: CheckRule): ClusterVerdict {
  return compare(value, rule.comparator, rule.threshold)
    ? { clusterId, value, outcome: 'Successful', reason: ClusterReason.ThresholdMet }
    : { clusterId, value, outcome: 'Failed', reason: ClusterReason.ThresholdViolated };
}

/** Log Analytics returns long/real as JSON numbers and decimal as strings; anything else is not a value. */
function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'string' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw.trim())) return Number(raw);
  return undefined;
}

function aggregate(perCluster: readonly ClusterVerdict[]): { outcome: CheckOutcome; reason: CheckReason } {
  const has = (outcome: CheckOutcome) => perCluster.some((verdict) => verdict.outcome === outcome);
  if (perCluster.length === 0) return { outcome: 'Inconclusive', reason: CheckReason.NoClusters };
  if (has('Failed')) return { outcome: 'Failed', reason: CheckReason.ClusterFailed };
  if (has('Error')) return { outcome: 'Error', reason: CheckReason.ClusterErrored };
  if (has('Inconclusive')) return { outcome: 'Inconclusive', reason: CheckReason.ClusterInconclusive };
  return { outcome: 'Successful', reason: CheckReason.AllClustersPassed };
}

function summarize(perCluster: readonly ClusterVerdict[], outcome: CheckOutcome, rule: CheckRule): string {
  const count = (o: CheckOutcome) => perCluster.filter((verdict) => verdict.outcome === o).length;
  const expectation = `${rule.valueColumn} ${rule.comparator} ${rule.threshold}`;
  if (perCluster.length === 0) return 'no clusters to evaluate';
  if (outcome === 'Successful') return `${perCluster.length} of ${perCluster.length} clusters met ${expectation}`;
  return `${count('Failed')} failed, ${count('Error')} errored, ${count('Inconclusive')} inconclusive of ${perCluster.length} clusters (${expectation})`;
}
