import type { CheckEvaluation, CheckOutcome } from '../checks/checkEvaluation';

/** One row of the per-cluster check summary on an approval card or message. */
export interface ClusterCheckSummary {
  /** The cluster's short name (last segment of its ARM id). */
  readonly cluster: string;
  /** The worst outcome over the gating (non-dry-run) checks; dry-run only → the worst of those. */
  readonly verdict: CheckOutcome;
  /** Each check's value, e.g. `nodes-ready=0, pods-healthy=3` (`n/a` without a value). */
  readonly value: string;
}

const SEVERITY: Record<CheckOutcome, number> = { Failed: 3, Error: 2, Inconclusive: 1, Successful: 0 };

/**
 * Per cluster, from one measurement's evaluations (the latest evidence): worst verdict first, then by name, so a
 * truncated list still shows every problem cluster before the healthy ones.
 */
export function clusterCheckSummary(evaluations: readonly CheckEvaluation[]): readonly ClusterCheckSummary[] {
  const byCluster = new Map<string, { gating: CheckOutcome[]; dryRun: CheckOutcome[]; values: string[] }>();
  for (const evaluation of evaluations) {
    for (const verdict of evaluation.perCluster) {
      const entry = byCluster.get(verdict.clusterId) ?? { gating: [], dryRun: [], values: [] };
      (evaluation.dryRun ? entry.dryRun : entry.gating).push(verdict.outcome);
      entry.values.push(`${evaluation.checkName}=${verdict.value === null ? 'n/a' : String(verdict.value)}`);
      byCluster.set(verdict.clusterId, entry);
    }
  }
  return [...byCluster.entries()]
    .map(([clusterId, entry]) => ({
      cluster: shortName(clusterId),
      verdict: worst(entry.gating.length > 0 ? entry.gating : entry.dryRun),
      value: entry.values.join(', '),
    }))
    .sort((a, b) => SEVERITY[b.verdict] - SEVERITY[a.verdict] || a.cluster.localeCompare(b.cluster));
}

function worst(outcomes: readonly CheckOutcome[]): CheckOutcome {
  return outcomes.reduce<CheckOutcome>((acc, outcome) => (SEVERITY[outcome] > SEVERITY[acc] ? outcome : acc), 'Successful');
}

function shortName(clusterId: string): string {
  const segments = clusterId.split('/').filter((segment) => segment !== '');
  return segments[segments.length - 1] ?? clusterId;
}
