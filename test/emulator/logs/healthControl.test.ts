import { LogsQueryClient } from '@azure/monitor-query-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import { LogAnalyticsLogsQuery } from '../../../src/adapters/logs/LogAnalyticsLogsQuery';
import { evaluateCheck } from '../../../src/domain/checks/evaluateCheck';
import { renderCheckQuery } from '../../../src/domain/checks/renderCheckQuery';
import { control } from '../../support/emulatorControl';
import { tempCaFile } from '../../support/tempCaFile';

const credential = { getToken: () => Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 3600e3 }) };

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ scenario: 'demo', port: 0, speed: 0, caFile: tempCaFile() });
});
afterAll(async () => {
  await emulator?.stop();
});

const health = (body: unknown) => control<{ health: Record<string, unknown> }>(emulator, 'POST', '/_emulator/clusters/aks-dev-eastus-1/health', body);

describe('POST /_emulator/clusters/{name}/health', () => {
  it('accepts every failure mode and the collection preset, merging them into the cluster health', async () => {
    const res = await health({
      crashLoopingPods: 1, imagePullBackOffPods: 1, unschedulablePods: 2, pendingPvcs: 1, releasedPvs: 1, notReadyNodes: 1,
      metricsFlowing: true, collectionPreset: 'cost-optimized', failingNamespace: 'shop', restarts: 0, failedPods: 0,
    });
    expect(res.health).toMatchObject({ crashLoopingPods: 1, imagePullBackOffPods: 1, unschedulablePods: 2, pendingPvcs: 1, releasedPvs: 1, notReadyNodes: 1, collectionPreset: 'cost-optimized', failingNamespace: 'shop' });
    await health({ crashLoopingPods: 0, imagePullBackOffPods: 0, unschedulablePods: 0, pendingPvcs: 0, releasedPvs: 0, notReadyNodes: 0, collectionPreset: 'standard' });
  });

  it.each([
    [{ oomKilledPods: 1 }, "'oomKilledPods' is not a health field"],
    [{ crashLoopingPods: -1 }, "'crashLoopingPods' must be a non-negative integer"],
    [{ unschedulablePods: 1.5 }, "'unschedulablePods' must be a non-negative integer"],
    [{ collectionPreset: 'basic' }, "'collectionPreset' must be one of standard, cost-optimized"],
    [{ metricsFlowing: 'no' }, "'metricsFlowing' must be a boolean"],
  ])('refuses %j with 400 and changes nothing', async (body, message) => {
    const before = (await control<{ clusters: { name: string; health: unknown }[] }>(emulator, 'GET', '/_emulator/state')).clusters.find((c) => c.name === 'aks-dev-eastus-1')?.health;
    await expect(health(body)).rejects.toThrow(new RegExp(`→ 400: .*${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const after = (await control<{ clusters: { name: string; health: unknown }[] }>(emulator, 'GET', '/_emulator/state')).clusters.find((c) => c.name === 'aks-dev-eastus-1')?.health;
    expect(after).toEqual(before);
  });
});

describe('a workspace that does not exist', () => {
  it.each(['00000000-0000-0000-0000-00000000beef', 'my-workspace-name'])('answers 404 PathNotFoundError for %s, and Conductor reports a misconfigured workspace', async (workspaceId) => {
    const client = new LogsQueryClient(credential, { endpoint: emulator.url, tlsOptions: { ca: emulator.caPem }, retryOptions: { maxRetries: 0 } });
    const error = await client.queryWorkspace(workspaceId, 'KubeNodeInventory | count', { duration: 'PT1H' }).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 404, code: 'PathNotFoundError' });

    const clusterId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';
    const spec = { type: 'nodes-ready', name: 'nodes', lookbackMinutes: 5, threshold: 0 } as const;
    const query = renderCheckQuery(spec, [clusterId], emulator.control.sim.nowIso());
    const result = await new LogAnalyticsLogsQuery(client).query(workspaceId, query.text, query.window);
    const evaluation = evaluateCheck({ spec, clusters: [clusterId], query, result, defaults: { noDataPolicy: 'inconclusive', dryRun: false } });
    expect([evaluation.outcome, evaluation.reason]).toEqual(['Error', 'WorkspaceMisconfigured']);
    expect(evaluation.message).toMatch(/^misconfigured workspace: Log Analytics workspace '.*' was not found/);
  });
});
