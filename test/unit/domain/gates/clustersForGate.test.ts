import { describe, expect, it } from 'vitest';
import { clustersForGate } from '../../../../src/domain/gates/clustersForGate';
import type { RunStatusView } from '../../../../src/domain/gates/runStatus';

const id = (name: string) => `/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`;

const RUN: RunStatusView = {
  stages: [
    {
      name: 'canary',
      groups: [
        {
          name: 'eu',
          members: [
            { name: 'm-web-01', clusterResourceId: id('web-01'), status: { state: 'Completed' } },
            { name: 'm-web-02', clusterResourceId: id('web-02'), status: { state: 'Skipped' } },
          ],
        },
        {
          name: 'us',
          members: [
            { name: 'm-app-01', clusterResourceId: id('app-01'), status: { state: 'Completed' } },
            { name: 'm-app-02', clusterResourceId: null, status: { state: 'Completed' } },
            { name: 'm-app-03', clusterResourceId: `${id('app-03')}"\n| take 1`, status: { state: 'Completed' } },
            { name: 'm-app-01-again', clusterResourceId: id('APP-01'), status: { state: 'Completed' } },
          ],
        },
      ],
    },
    {
      name: 'prod',
      groups: [{ name: 'all', members: [{ name: 'm-db-01', clusterResourceId: id('db-01'), status: { state: 'Failed' } }] }],
    },
  ],
};

describe('clustersForGate', () => {
  it('takes every member of every group of a stage gate, recording why members were left out', () => {
    expect(clustersForGate(RUN, { stage: 'canary', timing: 'After' })).toEqual({
      kind: 'found',
      clusters: [
        { clusterId: id('web-01'), memberName: 'm-web-01', state: 'Completed' },
        { clusterId: id('app-01'), memberName: 'm-app-01', state: 'Completed' },
      ],
      excluded: [
        { memberName: 'm-web-02', clusterId: id('web-02'), state: 'Skipped', reason: 'MemberSkipped' },
        { memberName: 'm-app-02', state: 'Completed', reason: 'NoClusterResourceId' },
        { memberName: 'm-app-03', clusterId: `${id('app-03')}"\n| take 1`, state: 'Completed', reason: 'UnsafeClusterId' },
        { memberName: 'm-app-01-again', clusterId: id('APP-01'), state: 'Completed', reason: 'DuplicateCluster' },
      ],
      failed: [],
    });
  });

  it('takes only the gated group of a group gate', () => {
    const selection = clustersForGate(RUN, { stage: 'canary', group: 'eu', timing: 'After' });

    expect(selection.kind === 'found' ? selection.clusters.map((cluster) => cluster.memberName) : []).toEqual(['m-web-01']);
  });

  it('returns failed members separately so the gate can fail at once', () => {
    expect(clustersForGate(RUN, { stage: 'prod', timing: 'After' })).toEqual({
      kind: 'found',
      clusters: [],
      excluded: [],
      failed: [{ memberName: 'm-db-01', clusterId: id('db-01') }],
    });
  });

  it.each([
    { target: { stage: 'nope', timing: 'After' as const }, message: 'stage "nope" is not in the run status' },
    { target: { stage: 'canary', group: 'apac', timing: 'After' as const }, message: 'group "apac" is not in stage "canary"' },
  ])('reports a target that is not in the run status: $message', ({ target, message }) => {
    expect(clustersForGate(RUN, target)).toEqual({ kind: 'targetNotFound', message });
  });
});
