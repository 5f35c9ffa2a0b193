import { describe, expect, it } from 'vitest';
import { checkAutoUpgrade } from '../../../../src/domain/preflight/checkAutoUpgrade';
import type { MemberFacts } from '../../../../src/domain/versions/fleetFacts';

const member = (autoUpgradeChannel?: string, nodeOsUpgradeChannel?: string): MemberFacts => ({
  name: 'm1',
  clusterResourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-m1',
  region: 'eastus',
  kubernetesVersion: '1.32.7',
  nodeImageVersions: [],
  ...(autoUpgradeChannel !== undefined ? { autoUpgradeChannel } : {}),
  ...(nodeOsUpgradeChannel !== undefined ? { nodeOsUpgradeChannel } : {}),
});

describe('checkAutoUpgrade: members whose own AKS channels race the fleet', () => {
  it.each([
    ['none', 'None', []],
    ['patch', 'None', ['MemberAutoUpgradeOn']],
    ['node-image', 'Unmanaged', ['MemberAutoUpgradeOn']],
    ['none', 'NodeImage', ['MemberNodeOsAutoUpgradeOn']],
    ['stable', 'NodeImage', ['MemberAutoUpgradeOn', 'MemberNodeOsAutoUpgradeOn']],
    ['none', 'SecurityPatch', []],
    [undefined, undefined, []],
  ])('cluster channel %s, node OS channel %s → %j', (cluster, nodeOs, codes) => {
    const findings = checkAutoUpgrade([member(cluster, nodeOs)]);
    expect(findings.map((f) => f.code)).toEqual(codes);
    for (const f of findings) expect(f.fix).toMatch(/az aks update/);
  });
});
