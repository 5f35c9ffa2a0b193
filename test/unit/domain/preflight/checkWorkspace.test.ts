import { describe, expect, it } from 'vitest';
import { checkWorkspace } from '../../../../src/domain/preflight/checkWorkspace';
import { renderWorkspaceQuery, tablesOfCheck } from '../../../../src/domain/preflight/workspaceQuery';

const NOW = '2026-11-21T10:00:00.000Z';
const A = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/A';
const columns = ['SourceTable', 'ResourceId', 'LastSeen', 'FirstSeen', 'Samples'].map((name) => ({ name }));
const expectation = { workspaceId: 'w', tables: { KubeNodeInventory: ['every gate'] }, declaredPresets: { gate: 'standard' as const }, now: NOW };

describe('checkWorkspace', () => {
  it('fresh standard data: nothing; a 5-minute cadence under a Standard policy: a preset mismatch', () => {
    const fresh = { columns, rows: [['KubeNodeInventory', A.toLowerCase(), '2026-11-21T09:59:00Z', '2026-11-21T08:00:00Z', 120]] };
    expect(checkWorkspace(fresh, [{ name: 'a', clusterResourceId: A }], expectation)).toEqual([]);
    const sparse = { columns, rows: [['KubeNodeInventory', A.toLowerCase(), '2026-11-21T09:55:00Z', '2026-11-21T08:00:00Z', 24]] };
    expect(checkWorkspace(sparse, [{ name: 'a', clusterResourceId: A }], expectation).map((f) => [f.code, f.evidence.observedIntervalMinutes])).toEqual([['CollectionPresetMismatch', 5]]);
    expect(checkWorkspace(sparse, [{ name: 'a', clusterResourceId: A }], { ...expectation, declaredPresets: { gate: 'cost-optimized' } })).toEqual([]);
  });

  it('a query failure is WorkspaceUnreachable, except a refusal, which the permission findings name', () => {
    expect(checkWorkspace({ error: { code: 'Http500', message: 'boom' } }, [], expectation).map((f) => f.code)).toEqual(['WorkspaceUnreachable']);
    expect(checkWorkspace({ error: { code: 'InsufficientAccessError', message: 'no' } }, [], expectation)).toEqual([]);
  });

  it('one query for every cluster and table; pod checks expect KubePodInventory, pvc-bound nothing, custom unknown', () => {
    const q = renderWorkspaceQuery(['KubeNodeInventory', 'KubePodInventory'], [A], NOW);
    expect(q.text).toContain('union withsource=SourceTable KubeNodeInventory, KubePodInventory');
    expect(q.text).toContain(`"${A.toLowerCase()}"`);
    expect(q.window).toEqual({ start: '2026-11-21T08:00:00.000Z', end: NOW });
    expect(tablesOfCheck({ name: 'p', type: 'pods-pending' } as never)).toEqual(['KubePodInventory']);
    expect(tablesOfCheck({ name: 'v', type: 'pvc-bound' } as never)).toEqual([]);
    expect(tablesOfCheck({ name: 'c', type: 'custom', query: 'x' } as never)).toBeUndefined();
  });
});
