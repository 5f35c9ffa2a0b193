import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS } from '../../../../src/domain/gates/gatePolicy';
import { parseGatePolicies } from '../../../support/parseGatePolicies';

describe('parseGatePolicies', () => {
  it('parses a minimal policy, filling every default (noDataPolicy inconclusive, not dry-run)', () => {
    const result = parseGatePolicies([{ id: 'prod-health', checks: [{ type: 'nodes-ready' }] }]);

    expect(result).toEqual({
      ok: true,
      value: [
        {
          id: 'prod-health',
          checks: [{ type: 'nodes-ready', name: 'nodes-ready', lookbackMinutes: 5, threshold: 0 }],
          analysis: {
            initialDelaySeconds: 300,
            intervalSeconds: 60,
            count: 1,
            failureLimit: 0,
            inconclusiveLimit: 0,
            consecutiveErrorLimit: 4,
            noDataPolicy: 'inconclusive',
            dryRun: false,
            recoveryProbes: 5,
          },
        },
      ],
    });
  });

  it('parses every check type with its parameters, analysis settings and the typed approval policy', () => {
    const result = parseGatePolicies([
      {
        id: 'canary',
        analysis: { initialDelaySeconds: 600, intervalSeconds: 120, count: 3, failureLimit: 1, inconclusiveLimit: 1, consecutiveErrorLimit: 2, noDataPolicy: 'fail', dryRun: true, recoveryProbes: 3 },
        approval: { onReject: 'skip', onExpire: 'stop', approvers: { groups: ['0B6F3C1E-5A7D-4C2E-9F10-1A2B3C4D5E6F'] }, quorum: 2, requireChecksFirst: false, channels: { teams: { webhookUrlSetting: 'TEAMS_URL' } } },
        checks: [
          { type: 'nodes-ready', threshold: 1, lookbackMinutes: 4 },
          { type: 'pods-healthy', namespaces: ['web'], excludeNamespaces: ['batch'], dryRun: false },
          { type: 'critical-workloads', workloads: [{ namespace: 'kube-system', controller: 'coredns' }, { namespace: 'ingress' }] },
          { type: 'metrics-flowing', tables: ['KubeNodeInventory'], threshold: 5 },
          { type: 'pvc-bound', namespaces: ['data'], noDataPolicy: 'inconclusive' },
          { type: 'restarts', threshold: 20, name: 'restart-growth' },
          { type: 'custom', name: 'errors', query: 'T | where ClusterId in~ (clusters)', comparator: '<', threshold: 0.5, valueColumn: 'Rate' },
        ],
      },
    ]);

    expect(result).toEqual({
      ok: true,
      value: [
        {
          id: 'canary',
          analysis: { initialDelaySeconds: 600, intervalSeconds: 120, count: 3, failureLimit: 1, inconclusiveLimit: 1, consecutiveErrorLimit: 2, noDataPolicy: 'fail', dryRun: true, recoveryProbes: 3 },
          approval: {
            approvers: { users: [], objectIds: [], groups: ['0b6f3c1e-5a7d-4c2e-9f10-1a2b3c4d5e6f'] },
            quorum: 2,
            expiresAfterMinutes: 1440,
            onReject: 'skip',
            onExpire: 'stop',
            requireChecksFirst: false,
            channels: { teams: { webhookUrlSetting: 'TEAMS_URL' } },
          },
          checks: [
            { type: 'nodes-ready', name: 'nodes-ready', lookbackMinutes: 4, threshold: 1 },
            { type: 'pods-healthy', name: 'pods-healthy', lookbackMinutes: 5, threshold: 0, dryRun: false, namespaces: ['web'], excludeNamespaces: ['batch'] },
            {
              type: 'critical-workloads',
              name: 'critical-workloads',
              lookbackMinutes: 5,
              workloads: [{ namespace: 'kube-system', controller: 'coredns' }, { namespace: 'ingress' }],
            },
            { type: 'metrics-flowing', name: 'metrics-flowing', lookbackMinutes: 10, threshold: 5, tables: ['KubeNodeInventory'], expectSampleWithinMinutes: 4 },
            { type: 'pvc-bound', name: 'pvc-bound', lookbackMinutes: 10, threshold: 0, noDataPolicy: 'inconclusive', namespaces: ['data'] },
            { type: 'restarts', name: 'restart-growth', lookbackMinutes: 15, threshold: 20 },
            {
              type: 'custom',
              name: 'errors',
              lookbackMinutes: 15,
              query: 'T | where ClusterId in~ (clusters)',
              clusterIdColumn: 'ClusterId',
              valueColumn: 'Rate',
              comparator: '<',
              threshold: 0.5,
            },
          ],
        },
      ],
    });
  });

  it('reports every issue of a broken document at once, each with its path', () => {
    const result = parseGatePolicies([
      { id: 'ok', checks: [{ type: 'nodes-ready' }] },
      {
        id: 'Bad_Id',
        checks: [
          { type: 'nodes-ready', threshold: 'zero' },
          { type: 'no-such-check' },
          { type: 'custom', query: 'T | summarize by ClusterId', comparator: '=>' },
          { type: 'critical-workloads', workloads: [{ namespace: 'kube-system" or true or "' }] },
          { type: 'pods-healthy', name: 'nodes-ready', namespces: ['web'] },
        ],
        analysis: { count: 0, failureLimit: -1, noDataPolicy: 'ignore', intervalSecs: 30 },
      },
      { id: 'ok', checks: [] },
      'not a policy',
    ]);

    expect(result.ok).toBe(false);
    // Every issue, in no particular order: zod reports unknown keys after the known fields.
    const byPath = <T extends { path: string }>(issues: readonly T[]) => [...issues].sort((a, b) => a.path.localeCompare(b.path));
    expect(byPath(result.ok ? [] : result.issues)).toEqual(byPath([
      { path: 'gatePolicies[1].id', message: 'must match lowercase letters, digits and inner hyphens (the gate displayName is `conductor:<id>`)' },
      { path: 'gatePolicies[1].checks[0].threshold', message: 'expected a number, got "zero"' },
      { path: 'gatePolicies[1].checks[1].type', message: 'must be one of nodes-ready, pods-healthy, pods-pending, critical-workloads, metrics-flowing, pvc-bound, restarts, custom, got "no-such-check"' },
      {
        path: 'gatePolicies[1].checks[2].query',
        message: 'must filter on `clusters` (e.g. `| where ClusterId in~ (clusters)`): one batched query for all gated clusters',
      },
      { path: 'gatePolicies[1].checks[2].comparator', message: 'must be one of <, <=, ==, !=, >=, >, got "=>"' },
      { path: 'gatePolicies[1].checks[2].threshold', message: 'is required' },
      { path: 'gatePolicies[1].checks[3].workloads[0].namespace', message: 'must match a Kubernetes namespace name (DNS-1123 label)' },
      { path: 'gatePolicies[1].checks[4].namespces', message: 'unknown key (allowed: type, name, dryRun, noDataPolicy, lookbackMinutes, threshold, namespaces, excludeNamespaces)' },
      { path: 'gatePolicies[1].checks[4].name', message: 'duplicate check name "nodes-ready"' },
      {
        path: 'gatePolicies[1].analysis.intervalSecs',
        message: 'unknown key (allowed: initialDelaySeconds, intervalSeconds, count, failureLimit, inconclusiveLimit, consecutiveErrorLimit, noDataPolicy, dryRun, recoveryProbes, collectionPreset, ingestionDelayMinutes)',
      },
      { path: 'gatePolicies[1].analysis.count', message: 'must be at least 1' },
      { path: 'gatePolicies[1].analysis.failureLimit', message: 'must be at least 0' },
      { path: 'gatePolicies[1].analysis.noDataPolicy', message: 'must be one of inconclusive, fail, pass, got "ignore"' },
      { path: 'gatePolicies[2].checks', message: 'must not be empty unless an approval is configured: a gate never passes unverified' },
      { path: 'gatePolicies[3]', message: 'expected an object, got "not a policy"' },
      { path: 'gatePolicies[2].id', message: 'duplicate policy id "ok"' },
    ]));
  });

  it.each([
    { name: 'the section is not a list', input: { id: 'x' }, issues: [{ path: 'gatePolicies', message: 'expected a list, got an object' }] },
    { name: 'a policy has no id', input: [{ checks: [{ type: 'nodes-ready' }] }], issues: [{ path: 'gatePolicies[0].id', message: 'is required' }] },
    {
      name: 'a critical-workloads check lists no workloads',
      input: [{ id: 'p', checks: [{ type: 'critical-workloads' }] }],
      issues: [{ path: 'gatePolicies[0].checks[0].workloads', message: 'is required: list the namespaces/controllers that must be running and ready' }],
    },
    {
      name: 'metrics-flowing is given a noDataPolicy (it counts silence as 0 rows)',
      input: [{ id: 'p', checks: [{ type: 'metrics-flowing', noDataPolicy: 'pass' }] }],
      issues: [{ path: 'gatePolicies[0].checks[0].noDataPolicy', message: 'does not apply to metrics-flowing: a silent cluster counts as 0 rows' }],
    },
    {
      name: 'metrics-flowing threshold 0 would pass silent clusters',
      input: [{ id: 'p', checks: [{ type: 'metrics-flowing', threshold: 0 }] }],
      issues: [{ path: 'gatePolicies[0].checks[0].threshold', message: 'must be at least 1' }],
    },
    {
      name: 'a custom query contains a control character other than line breaks and tabs',
      input: [{ id: 'p', checks: [{ type: 'custom', query: 'T | where ClusterId in~ (clusters)\u0000', comparator: '<', threshold: 1 }] }],
      issues: [{ path: 'gatePolicies[0].checks[0].query', message: 'must not contain control characters' }],
    },
    {
      name: 'a custom value column is not a KQL identifier',
      input: [{ id: 'p', checks: [{ type: 'custom', query: 'T | where C in~ (clusters)', comparator: '<', threshold: 1, valueColumn: 'Value; drop' }] }],
      issues: [{ path: 'gatePolicies[0].checks[0].valueColumn', message: 'must match a KQL column name (letters, digits, underscore)' }],
    },
    {
      name: 'a namespace list holds a non-string',
      input: [{ id: 'p', checks: [{ type: 'pods-healthy', namespaces: ['web', 7] }] }],
      issues: [{ path: 'gatePolicies[0].checks[0].namespaces[1]', message: 'expected a string, got number 7' }],
    },
    {
      name: 'the approval has an unknown reject policy',
      input: [{ id: 'p', approval: { approvers: { users: ['a@b.c'] }, onReject: 'ignore' } }],
      issues: [{ path: 'gatePolicies[0].approval.onReject', message: 'must be one of stop, skip, got "ignore"' }],
    },
    {
      name: 'the approval lists nobody (checked by parseApprovalPolicy; located under the policy)',
      input: [{ id: 'p', approval: {} }],
      issues: [{ path: 'gatePolicies[0].approval.approvers', message: 'is required: list at least one of users, objectIds, groups' }],
    },
    {
      name: 'an analysis count is fractional',
      input: [{ id: 'p', checks: [{ type: 'nodes-ready' }], analysis: { count: 1.5 } }],
      issues: [{ path: 'gatePolicies[0].analysis.count', message: 'expected a whole number' }],
    },
  ])('reports $name', ({ input, issues }) => {
    expect(parseGatePolicies(input)).toEqual({ ok: false, issues });
  });

  it('accepts an approval-only policy (no checks): a human verifies instead', () => {
    const result = parseGatePolicies([{ id: 'manual', approval: { approvers: { users: ['Alice@Contoso.com'] } } }]);

    expect(result).toEqual({
      ok: true,
      value: [
        {
          id: 'manual',
          checks: [],
          analysis: DEFAULT_ANALYSIS,
          approval: {
            approvers: { users: ['alice@contoso.com'], objectIds: [], groups: [] },
            quorum: 1,
            expiresAfterMinutes: 1440,
            onExpire: 'hold',
            onReject: 'stop',
            requireChecksFirst: true,
            channels: {},
          },
        },
      ],
    });
  });

  it('locates issues under the path the caller gives, for embedding in a whole-config parser', () => {
    const result = parseGatePolicies([{ id: 'p', checks: [{ type: 'nodes-ready', threshold: 'x' }] }], 'config.gatePolicies');

    expect(result).toEqual({ ok: false, issues: [{ path: 'config.gatePolicies[0].checks[0].threshold', message: 'expected a number, got "x"' }] });
  });

  it('accepts a multi-line custom query with tabs, keeping it verbatim', () => {
    const query = 'KubePodInventory\n\t| where ClusterId in~ (clusters)\r\n| summarize Value = count() by ClusterId';

    const result = parseGatePolicies([{ id: 'p', checks: [{ type: 'custom', name: 'pods', query, comparator: '>', threshold: 0 }] }]);

    expect(result.ok ? result.value[0]?.checks[0] : undefined).toEqual({
      type: 'custom',
      name: 'pods',
      lookbackMinutes: 15,
      query,
      clusterIdColumn: 'ClusterId',
      valueColumn: 'Value',
      comparator: '>',
      threshold: 0,
    });
  });

  it.each([
    { name: 'a lookback of zero minutes', check: { type: 'nodes-ready', lookbackMinutes: 0 }, issue: { path: 'gatePolicies[0].checks[0].lookbackMinutes', message: 'must be at least 1' } },
    {
      name: 'a controller name with a quote',
      check: { type: 'critical-workloads', workloads: [{ namespace: 'web', controller: 'api"' }] },
      issue: { path: 'gatePolicies[0].checks[0].workloads[0].controller', message: 'must match a Kubernetes object name (DNS-1123 subdomain)' },
    },
    {
      name: 'an unknown metrics table',
      check: { type: 'metrics-flowing', tables: ['KubeNodeInventory', 'Heartbeat'] },
      issue: { path: 'gatePolicies[0].checks[0].tables[1]', message: 'must be one of KubeNodeInventory, KubePodInventory, KubePVInventory, KubeEvents, KubeServices' },
    },
    { name: 'a dryRun that is not a boolean', check: { type: 'nodes-ready', dryRun: 'yes' }, issue: { path: 'gatePolicies[0].checks[0].dryRun', message: 'expected true or false, got "yes"' } },
  ])('rejects $name', ({ check, issue }) => {
    expect(parseGatePolicies([{ id: 'p', checks: [check] }])).toEqual({ ok: false, issues: [issue] });
  });
});


describe('lookbacks follow the collection preset and the ingestion delay', () => {
  const lookbacks = (analysis: Record<string, unknown>) => {
    const result = parseGatePolicies([{ id: 'p', analysis, checks: [{ type: 'nodes-ready' }, { type: 'pods-pending' }, { type: 'metrics-flowing' }, { type: 'pvc-bound' }, { type: 'restarts' }] }]);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return result.value[0]!.checks.map((c) => [c.type, c.lookbackMinutes]);
  };

  it('standard (1-minute samples, 3-minute delay): the historical defaults', () => {
    expect(lookbacks({})).toEqual([['nodes-ready', 5], ['pods-pending', 5], ['metrics-flowing', 10], ['pvc-bound', 10], ['restarts', 15]]);
  });

  it('cost-optimized (5-minute samples): windows long enough to hold a sample after the delay', () => {
    expect(lookbacks({ collectionPreset: 'cost-optimized' })).toEqual([['nodes-ready', 13], ['pods-pending', 13], ['metrics-flowing', 13], ['pvc-bound', 13], ['restarts', 18]]);
  });

  it('a lookback that cannot hold a sample is refused with its path', () => {
    const result = parseGatePolicies([{ id: 'p', analysis: { collectionPreset: 'cost-optimized' }, checks: [{ type: 'nodes-ready', lookbackMinutes: 5 }, { type: 'restarts', lookbackMinutes: 12 }] }]);
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'gatePolicies[0].checks[0].lookbackMinutes', message: expect.stringContaining('must be at least 8') },
      { path: 'gatePolicies[0].checks[1].lookbackMinutes', message: expect.stringContaining('must be at least 13') },
    ]);
  });

  it('a critical workload in a namespace the preset does not collect is refused with its path', () => {
    const result = parseGatePolicies([{ id: 'p', analysis: { collectionPreset: 'cost-optimized' }, checks: [{ type: 'critical-workloads', workloads: [{ namespace: 'shop' }, { namespace: 'kube-system', controller: 'coredns' }] }] }]);
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'gatePolicies[0].checks[0].workloads[1].namespace', message: expect.stringContaining('not collected under the cost-optimized preset') },
    ]);
  });

  it('parses pods-pending with its grace', () => {
    const result = parseGatePolicies([{ id: 'p', checks: [{ type: 'pods-pending', pendingMinutes: 10, excludeNamespaces: ['batch'] }] }]);
    expect(result.ok && result.value[0]!.checks).toEqual([{ type: 'pods-pending', name: 'pods-pending', lookbackMinutes: 5, threshold: 0, pendingMinutes: 10, excludeNamespaces: ['batch'] }]);
  });
});
