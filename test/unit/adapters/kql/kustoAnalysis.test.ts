import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConductorConfigError, loadConductorConfigFile } from '../../../../src/adapters/config/loadConductorConfigFile';
import { kqlErrors, analyzeKql } from '../../../../src/adapters/kql/KustoQueryAnalyzer';
import { renderCheckQuery } from '../../../../src/domain/checks/renderCheckQuery';
import { CONTAINER_INSIGHTS_TABLES, type CheckSpec } from '../../../../src/domain/checks/checkSpec';
// One file on purpose: the Kusto language service takes seconds to initialise, once per test file.
const CLUSTERS = ['/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1'];
const NOW = '2026-11-21T12:00:00.000Z';

/** Every built-in check, with and without its optional filters, as config can declare it. */
const BUILT_INS: CheckSpec[] = [
  { type: 'nodes-ready', name: 'nodes', lookbackMinutes: 5, threshold: 0 },
  { type: 'pods-healthy', name: 'pods', lookbackMinutes: 5, threshold: 0 },
  { type: 'pods-healthy', name: 'pods-filtered', lookbackMinutes: 5, threshold: 0, namespaces: ['shop'], excludeNamespaces: ['kube-system'] },
  { type: 'pods-pending', name: 'pending', lookbackMinutes: 5, threshold: 0, pendingMinutes: 3 },
  { type: 'pods-pending', name: 'pending-filtered', lookbackMinutes: 5, threshold: 0, pendingMinutes: 3, excludeNamespaces: ['kube-system'] },
  { type: 'critical-workloads', name: 'critical', lookbackMinutes: 5, workloads: [{ namespace: 'shop' }, { namespace: 'shop', controller: 'web' }] },
  { type: 'metrics-flowing', name: 'flowing', lookbackMinutes: 5, threshold: 1, tables: ['KubeNodeInventory', 'KubePodInventory'] },
  { type: 'metrics-flowing', name: 'flowing-all', lookbackMinutes: 5, threshold: 1, tables: [...CONTAINER_INSIGHTS_TABLES] },
  { type: 'pvc-bound', name: 'pvc', lookbackMinutes: 10, threshold: 0 },
  { type: 'pvc-bound', name: 'pvc-filtered', lookbackMinutes: 10, threshold: 0, namespaces: ['shop'] },
  { type: 'restarts', name: 'restarts', lookbackMinutes: 15, threshold: 5, excludeNamespaces: ['kube-system'] },
];

describe("built-in check queries against Microsoft's Kusto language service and the Container Insights schema", () => {
  it.each(BUILT_INS.map((spec) => [spec.name, spec] as const))('%s analyses without errors', (_name, spec) => {
    const query = renderCheckQuery(spec, CLUSTERS, NOW, '2026-11-21T11:57:00.000Z');
    expect(kqlErrors(query.text)).toEqual([]);
  });

  it('the analyser does find unknown columns, tables and functions (so the test above can fail)', () => {
    const codes = (text: string) => kqlErrors(text).map((d) => d.message);
    expect(codes('KubeNodeInventory | where Statuz == "Ready"')).toEqual([expect.stringContaining("'Statuz'")]);
    expect(codes('KubeNodeInventroy | count')).toEqual([expect.stringContaining("'KubeNodeInventroy'")]);
    expect(codes('KubePodInventory | where frobnicate(PodStatus)')).toEqual([expect.stringContaining("'frobnicate'")]);
    // The Azure types: PodLabel is a string, so treating it as a bag is a type error only at run time, not here;
    // comparing a datetime with a string is one.
    expect(analyzeKql('KubePodInventory | where PodCreationTimeStamp > "x"').some((d) => d.severity === 'Error')).toBe(true);
  });
});

const files: string[] = [];
afterEach(() => {
  for (const f of files.splice(0)) fs.rmSync(f, { force: true });
});

function configWith(customQuery: string): string {
  const file = path.join(os.tmpdir(), `fleet-conductor-config-${randomUUID()}.json`);
  files.push(file);
  fs.writeFileSync(file, JSON.stringify({
    fleets: [{ name: 'f', subscriptionId: '00000000-0000-0000-0000-000000000001', resourceGroup: 'rg', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 's' }],
    strategies: [{ name: 's', stages: [{ name: 'dev', groups: ['dev'], afterGate: 'health' }] }],
    gatePolicies: [{
      id: 'health',
      checks: [
        { type: 'nodes-ready' },
        { type: 'custom', name: 'oom', query: customQuery, clusterIdColumn: 'ClusterId', valueColumn: 'Value', comparator: '<=', threshold: 0 },
      ],
    }],
  }));
  return file;
}

describe('custom checks are analysed at config load against the Container Insights schema', () => {
  it('a query naming an unknown column is refused with the check\'s path', () => {
    const file = configWith('KubePodInventory | where ClusterId in~ (clusters) | where ContainerState == "waiting" | summarize Value = count() by ClusterId');
    let error: unknown;
    try {
      loadConductorConfigFile(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConductorConfigError);
    expect((error as ConductorConfigError).issues).toEqual([
      { path: 'gatePolicies[0].checks[1].query', message: expect.stringContaining("'ContainerState'") },
    ]);
  });

  it('a query on the real columns loads', () => {
    const file = configWith('KubePodInventory | where TimeGenerated between (windowStart .. windowEnd) | where ClusterId in~ (clusters) | where ContainerStatusReason == "OOMKilled" | summarize Value = dcount(Name) by ClusterId');
    expect(loadConductorConfigFile(file).gatePolicies[0]?.checks).toHaveLength(2);
  });
});
