import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConductorConfigError, loadConductorConfigFile } from '../../../../src/adapters/config/loadConductorConfigFile';

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
