/** Small inline scenarios for tests (validated by the same code as the files under scenarios/). */
export function threeStageScenario(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'three-stage',
    startTime: '2026-11-21T08:00:00Z',
    speed: 0,
    workspaceId: '11111111-2222-4333-8444-555555555555',
    defaults: { kubernetesVersion: '1.32.7', upgradeMinutes: 10 },
    regions: {
      eastus: { kubernetesVersions: ['1.32.7', '1.33.2', '1.33.4'], nodeImage: '202611.01.0' },
      westeurope: { kubernetesVersions: ['1.32.7', '1.33.2', '1.33.4'], nodeImage: '202611.01.0' },
      australiaeast: { kubernetesVersions: ['1.32.7', '1.33.2'], nodeImage: '202611.01.0' },
    },
    fleets: [
      {
        name: 'fleet-1',
        resourceGroup: 'rg1',
        location: 'eastus',
        members: [
          { name: 'dev-1', group: 'dev', cluster: { name: 'aks-dev-1', location: 'eastus' } },
          { name: 'canary-1', group: 'canary', cluster: { name: 'aks-canary-1', location: 'eastus' } },
          { name: 'prod-us-1', group: 'prod-us', cluster: { name: 'aks-prod-us-1', location: 'eastus' } },
          { name: 'prod-us-2', group: 'prod-us', cluster: { name: 'aks-prod-us-2', location: 'eastus', kubernetesVersion: '1.33.4' } },
          { name: 'prod-eu-1', group: 'prod-eu', cluster: { name: 'aks-prod-eu-1', location: 'westeurope' } },
          { name: 'prod-apac-1', group: 'prod-apac', cluster: { name: 'aks-prod-apac-1', location: 'australiaeast' } },
        ],
        updateStrategies: [
          {
            name: 'staged',
            strategy: {
              stages: [
                { name: 'dev', groups: [{ name: 'dev' }], afterStageWaitInSeconds: 300 },
                { name: 'canary', groups: [{ name: 'canary' }], afterGates: [{ type: 'Approval', displayName: 'conductor:canary-health' }], afterStageWaitInSeconds: 600 },
                { name: 'prod', groups: [{ name: 'prod-us' }, { name: 'prod-eu' }, { name: 'prod-apac' }] },
              ],
            },
          },
        ],
      },
    ],
    ...overrides,
  };
}
