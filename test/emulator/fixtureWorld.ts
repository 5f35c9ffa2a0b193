/** The world the published examples assume: their fleets, members, strategies, profiles and clusters. */
const SUB = '00000000-0000-0000-0000-000000000000';
/** The richest strategy the examples show: gates on stage and group, maxConcurrency on both, an after-stage wait. */
const gate = (displayName: string) => [{ type: 'Approval', displayName }];
const strategy = {
  stages: [
    {
      name: 'stage1',
      maxConcurrency: '10',
      groups: [
        { name: 'group-a', maxConcurrency: '2', beforeGates: gate('gate before group-a'), afterGates: gate('gate after group-a') },
        { name: 'group-b', maxConcurrency: '1' },
      ],
      beforeGates: gate('gate before stage1'),
      afterGates: gate('gate after stage1'),
      afterStageWaitInSeconds: 3600,
    },
  ],
};
const profileStrategy = (rg: string): string => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.ContainerService/fleets/fleet1/updateStrategies/strategy1`;

function fleet(name: string, resourceGroup: string): Record<string, unknown> {
  const prefix = `${resourceGroup}-${name}`;
  return {
    name,
    resourceGroup,
    location: 'eastus',
    members: [
      { name: 'member-one', group: 'group-a', labels: { env: 'prod' }, cluster: { name: `${prefix}-c1`, location: 'eastus' } },
      { name: 'member-two', group: 'group-b', labels: { env: 'prod' }, cluster: { name: `${prefix}-c2`, location: 'eastus' } },
      { name: 'member-1', group: 'group-a', labels: { env: 'prod' }, cluster: { name: `${prefix}-c3`, location: 'eastus' } },
      { name: 'member1', group: 'group-b', labels: { env: 'prod' }, cluster: { name: `${prefix}-c4`, location: 'eastus' } },
    ],
    updateStrategies: [{ name: 'strategy1', strategy }],
    autoUpgradeProfiles: [
      { name: 'autoupgradeprofile1', properties: { channel: 'Stable', updateStrategyId: profileStrategy(resourceGroup), nodeImageSelection: { type: 'Latest' }, disabled: false } },
      { name: 'aup1', properties: { channel: 'Rapid', updateStrategyId: profileStrategy(resourceGroup), disabled: false } },
    ],
  };
}

export const fixtureWorld = {
  name: 'fixture-world',
  subscriptionId: SUB,
  startTime: '2026-11-21T08:00:00Z',
  speed: 0,
  regions: {
    eastus: { kubernetesVersions: ['1.32.7', '1.33.2', '1.33.4'], nodeImage: '202611.01.0' },
    location1: { kubernetesVersions: ['1.31.11', '1.32.7', '1.33.2'], previewVersions: ['1.34.0'], nodeImage: '202611.01.0' },
  },
  fleets: [fleet('fleet1', 'rg1'), fleet('fleet1', 'rgfleets'), fleet('fleet-1', 'rgfleets'), fleet('fleet-1', 'rg1')],
  clusters: [
    { name: 'clustername1', tags: { tier: 'production' }, resourceGroup: 'rg1', location: 'location1', agentPools: [{ name: 'agentpool1', count: 3 }, { name: 'nodepool1', count: 3 }], maintenanceWindow: { startHourUtc: 0, durationHours: 24 } },
  ],
};
