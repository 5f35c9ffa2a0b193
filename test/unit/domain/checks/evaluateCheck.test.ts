import { describe, expect, it } from 'vitest';
import type { CheckEvaluation, QueryResult } from '../../../../src/domain/checks/checkEvaluation';
import type { CheckSpec, NoDataPolicy } from '../../../../src/domain/checks/checkSpec';
import type { KqlQuery } from '../../../../src/domain/checks/checkQuery';
import { evaluateCheck } from '../../../../src/domain/checks/evaluateCheck';
import { CLUSTER_A, CLUSTER_B } from './checkFixtures';

const QUERY: KqlQuery = { text: 'let clusters = dynamic([]);\nKubeNodeInventory', window: { start: '2026-11-21T16:55:00.000Z', end: '2026-11-21T17:00:00.000Z' } };
const NODES: CheckSpec = { type: 'nodes-ready', name: 'nodes-ready', lookbackMinutes: 5, threshold: 0 };
const FLOWING: CheckSpec = { type: 'metrics-flowing', name: 'metrics-flowing', lookbackMinutes: 10, threshold: 1, tables: ['KubeNodeInventory'] };
const CUSTOM: CheckSpec = {
  type: 'custom',
  name: 'error-rate',
  lookbackMinutes: 15,
  query: 'T | where Cluster in~ (clusters)',
  clusterIdColumn: 'Cluster',
  valueColumn: 'Errors',
  comparator: '<',
  threshold: 10,
};

function rows(...data: (readonly unknown[])[]): QueryResult {
  return { columns: [{ name: 'ClusterId', type: 'string' }, { name: 'Value', type: 'long' }], rows: data };
}

function evaluate(spec: CheckSpec, result: QueryResult, options: { noDataPolicy?: NoDataPolicy; dryRun?: boolean; clusters?: string[] } = {}): CheckEvaluation {
  return evaluateCheck({
    spec,
    clusters: options.clusters ?? [CLUSTER_A, CLUSTER_B],
    query: QUERY,
    result,
    defaults: { noDataPolicy: options.noDataPolicy ?? 'inconclusive', dryRun: options.dryRun ?? false },
  });
}

function verdicts(evaluation: CheckEvaluation): [string, number | null, string, string][] {
  return evaluation.perCluster.map((verdict) => [verdict.clusterId, verdict.value, verdict.outcome, verdict.reason]);
}

describe('evaluateCheck', () => {
  it('passes a check whose every cluster meets the threshold, keeping the query, window and rows as evidence', () => {
    const evaluation = evaluate(NODES, rows([CLUSTER_A, 0], [CLUSTER_B, 0]));

    expect(evaluation).toEqual({
      checkName: 'nodes-ready',
      checkType: 'nodes-ready',
      dryRun: false,
      outcome: 'Successful',
      reason: 'AllClustersPassed',
      message: '2 of 2 clusters met Value <= 0',
      comparator: '<=',
      threshold: 0,
      perCluster: [
        { clusterId: CLUSTER_A, value: 0, outcome: 'Successful', reason: 'ThresholdMet' },
        { clusterId: CLUSTER_B, value: 0, outcome: 'Successful', reason: 'ThresholdMet' },
      ],
      evidence: { query: QUERY.text, window: QUERY.window, columns: ['ClusterId', 'Value'], rows: [[CLUSTER_A, 0], [CLUSTER_B, 0]], truncatedRows: 0 },
    });
  });

  it.each([
    {
      name: 'one cluster over the threshold fails the check',
      result: rows([CLUSTER_A, 0], [CLUSTER_B, 2]),
      outcome: 'Failed',
      reason: 'ClusterFailed',
      perCluster: [[CLUSTER_A, 0, 'Successful', 'ThresholdMet'], [CLUSTER_B, 2, 'Failed', 'ThresholdViolated']],
    },
    {
      name: 'a cluster without a row is inconclusive by default, never a pass',
      result: rows([CLUSTER_A, 0]),
      outcome: 'Inconclusive',
      reason: 'ClusterInconclusive',
      perCluster: [[CLUSTER_A, 0, 'Successful', 'ThresholdMet'], [CLUSTER_B, null, 'Inconclusive', 'NoData']],
    },
    {
      name: 'an empty result leaves every cluster inconclusive',
      result: rows(),
      outcome: 'Inconclusive',
      reason: 'ClusterInconclusive',
      perCluster: [[CLUSTER_A, null, 'Inconclusive', 'NoData'], [CLUSTER_B, null, 'Inconclusive', 'NoData']],
    },
    {
      name: 'cluster ids are matched case-insensitively, as ARM ids are',
      result: rows([CLUSTER_A.toUpperCase(), 0], [CLUSTER_B.toLowerCase(), 0]),
      outcome: 'Successful',
      reason: 'AllClustersPassed',
      perCluster: [[CLUSTER_A, 0, 'Successful', 'ThresholdMet'], [CLUSTER_B, 0, 'Successful', 'ThresholdMet']],
    },
    {
      name: 'rows for clusters outside the gate are ignored',
      result: rows([CLUSTER_A, 0], [CLUSTER_B, 0], ['/subscriptions/other/managedClusters/x', 9]),
      outcome: 'Successful',
      reason: 'AllClustersPassed',
      perCluster: [[CLUSTER_A, 0, 'Successful', 'ThresholdMet'], [CLUSTER_B, 0, 'Successful', 'ThresholdMet']],
    },
    {
      name: 'two rows for one cluster break the contract for that cluster',
      result: rows([CLUSTER_A, 0], [CLUSTER_B, 0], [CLUSTER_B, 0]),
      outcome: 'Error',
      reason: 'ClusterErrored',
      perCluster: [[CLUSTER_A, 0, 'Successful', 'ThresholdMet'], [CLUSTER_B, null, 'Error', 'DuplicateRows']],
    },
    {
      name: 'a null value is an error, not a zero',
      result: rows([CLUSTER_A, 0], [CLUSTER_B, null]),
      outcome: 'Error',
      reason: 'ClusterErrored',
      perCluster: [[CLUSTER_A, 0, 'Successful', 'ThresholdMet'], [CLUSTER_B, null, 'Error', 'ValueNotNumeric']],
    },
    {
      name: 'a decimal returned as a string is read as a number',
      result: rows([CLUSTER_A, '0'], [CLUSTER_B, '1.5']),
      outcome: 'Failed',
      reason: 'ClusterFailed',
      perCluster: [[CLUSTER_A, 0, 'Successful', 'ThresholdMet'], [CLUSTER_B, 1.5, 'Failed', 'ThresholdViolated']],
    },
    {
      name: 'a failure outranks an error in another cluster',
      result: rows([CLUSTER_A, 'NaN'], [CLUSTER_B, 3]),
      outcome: 'Failed',
      reason: 'ClusterFailed',
      perCluster: [[CLUSTER_A, null, 'Error', 'ValueNotNumeric'], [CLUSTER_B, 3, 'Failed', 'ThresholdViolated']],
    },
  ])('$name', ({ result, outcome, reason, perCluster }) => {
    const evaluation = evaluate(NODES, result);

    expect({ outcome: evaluation.outcome, reason: evaluation.reason, perCluster: verdicts(evaluation) }).toEqual({ outcome, reason, perCluster });
  });

  it.each([
    { policy: 'fail' as const, outcome: 'Failed', verdict: [CLUSTER_B, null, 'Failed', 'NoDataTreatedAsFailure'] },
    { policy: 'pass' as const, outcome: 'Successful', verdict: [CLUSTER_B, null, 'Successful', 'NoDataTreatedAsPass'] },
    { policy: 'inconclusive' as const, outcome: 'Inconclusive', verdict: [CLUSTER_B, null, 'Inconclusive', 'NoData'] },
  ])('applies noDataPolicy $policy to a cluster without a row and records it', ({ policy, outcome, verdict }) => {
    const evaluation = evaluate(NODES, rows([CLUSTER_A, 0]), { noDataPolicy: policy });

    expect({ outcome: evaluation.outcome, missing: verdicts(evaluation)[1] }).toEqual({ outcome, missing: verdict });
  });

  it("lets the check's own noDataPolicy override the policy default", () => {
    const evaluation = evaluate({ ...NODES, noDataPolicy: 'fail' }, rows([CLUSTER_A, 0]), { noDataPolicy: 'pass' });

    expect(evaluation.outcome).toBe('Failed');
  });

  it('counts a silent cluster as 0 rows for metrics-flowing, which fails it (silence is what it detects)', () => {
    const evaluation = evaluate({ ...FLOWING, expectSampleWithinMinutes: 4 }, rows([CLUSTER_A, 120]), { noDataPolicy: 'pass' });

    expect(verdicts(evaluation)).toEqual([
      [CLUSTER_A, 120, 'Successful', 'ThresholdMet'],
      [CLUSTER_B, 0, 'Failed', 'ThresholdViolated'],
    ]);
  });

  it('a window too short to hold a sample (cut at the end of the upgrade) proves no silence: the silent cluster is no data', () => {
    const evaluation = evaluate({ ...FLOWING, expectSampleWithinMinutes: 8 }, rows([CLUSTER_A, 120]));

    expect(verdicts(evaluation)).toEqual([
      [CLUSTER_A, 120, 'Successful', 'ThresholdMet'],
      [CLUSTER_B, null, 'Inconclusive', 'NoData'],
    ]);
  });

  it('reads a custom check through its configured columns and comparator', () => {
    const result: QueryResult = { columns: [{ name: 'Errors' }, { name: 'Cluster' }], rows: [[9, CLUSTER_A], [10, CLUSTER_B]] };

    expect(verdicts(evaluate(CUSTOM, result))).toEqual([
      [CLUSTER_A, 9, 'Successful', 'ThresholdMet'],
      [CLUSTER_B, 10, 'Failed', 'ThresholdViolated'],
    ]);
  });

  it('turns a failed query into an Error for every cluster and keeps the error as evidence', () => {
    const evaluation = evaluate(NODES, { error: { code: 'Throttled', message: 'too many requests' } });

    expect(evaluation).toMatchObject({
      outcome: 'Error',
      reason: 'QueryFailed',
      message: 'query failed: too many requests',
      evidence: { query: QUERY.text, window: QUERY.window, columns: [], rows: [], truncatedRows: 0, error: { code: 'Throttled', message: 'too many requests' } },
    });
    expect(verdicts(evaluation)).toEqual([
      [CLUSTER_A, null, 'Error', 'QueryFailed'],
      [CLUSTER_B, null, 'Error', 'QueryFailed'],
    ]);
  });

  it.each([
    { name: 'the value column is missing', result: { columns: [{ name: 'ClusterId' }], rows: [[CLUSTER_A]] } },
    { name: 'the cluster-id column is missing', result: { columns: [{ name: 'Value' }], rows: [[0]] } },
    { name: 'a cluster id is not a string', result: { columns: [{ name: 'ClusterId' }, { name: 'Value' }], rows: [[42, 0]] } },
  ])('reports a contract violation as Error when $name', ({ result }) => {
    const evaluation = evaluate(NODES, result);

    expect([evaluation.outcome, evaluation.reason]).toEqual(['Error', 'ResultContractViolated']);
  });

  it('is Inconclusive with no clusters: nothing verified, nothing passes', () => {
    const evaluation = evaluate(NODES, rows(), { clusters: [] });

    expect([evaluation.outcome, evaluation.reason, evaluation.perCluster]).toEqual(['Inconclusive', 'NoClusters', []]);
  });

  it('caps evidence rows at 50 and counts the rest as truncated', () => {
    const many = Array.from({ length: 73 }, (_, index) => [`/other/${index}`, 0]);
    const evaluation = evaluate(NODES, rows([CLUSTER_A, 0], [CLUSTER_B, 0], ...many));

    expect([evaluation.evidence.rows.length, evaluation.evidence.truncatedRows]).toEqual([50, 25]);
  });

  it.each([
    { name: 'the policy default applies', specDryRun: undefined, policyDryRun: true, expected: true },
    { name: "the check's own setting wins", specDryRun: false, policyDryRun: true, expected: false },
  ])('marks the evaluation dry-run when $name', ({ specDryRun, policyDryRun, expected }) => {
    const spec: CheckSpec = specDryRun === undefined ? NODES : { ...NODES, dryRun: specDryRun };

    expect(evaluate(spec, rows([CLUSTER_A, 0], [CLUSTER_B, 0]), { dryRun: policyDryRun }).dryRun).toBe(expected);
  });
});
