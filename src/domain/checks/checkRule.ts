import type { CheckSpec, Comparator } from './checkSpec';

/**
 * How a check's rows become verdicts: which columns to read, how to compare, and what a cluster without a row
 * means (`noData`: apply the noDataPolicy; `zero`: evaluate as value 0).
 */
export interface CheckRule {
  readonly clusterIdColumn: string;
  readonly valueColumn: string;
  readonly comparator: Comparator;
  readonly threshold: number;
  readonly missingRow: 'noData' | 'zero';
}

/** Returns the rule of a check: fixed comparators for built-ins, the configured ones for custom checks. */
export function checkRule(spec: CheckSpec): CheckRule {
  const builtIn = { clusterIdColumn: 'ClusterId', valueColumn: 'Value', missingRow: 'noData' } as const;
  switch (spec.type) {
    case 'nodes-ready':
    case 'pods-healthy':
    case 'pods-pending':
    case 'pvc-bound':
    case 'restarts':
      return { ...builtIn, comparator: '<=', threshold: spec.threshold };
    case 'critical-workloads':
      return { ...builtIn, comparator: '>=', threshold: spec.workloads.length };
    case 'metrics-flowing':
      return { ...builtIn, comparator: '>=', threshold: spec.threshold, missingRow: 'zero' };
    case 'custom':
      return {
        clusterIdColumn: spec.clusterIdColumn,
        valueColumn: spec.valueColumn,
        comparator: spec.comparator,
        threshold: spec.threshold,
        missingRow: 'noData',
      };
    default: {
      const unreachable: never = spec;
      return unreachable;
    }
  }
}
