import { LogsQueryClient, LogsQueryResultStatus, type LogsTable } from '@azure/monitor-query-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import { tempCaFile } from '../../support/tempCaFile';

const WORKSPACE = '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c'; // scenarios/demo.yaml
const credential = { getToken: () => Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 3600e3 }) };

describe('the real LogsQueryClient over HTTPS against the emulator', () => {
  let emulator: RunningEmulator;
  let client: LogsQueryClient;
  beforeAll(async () => {
    emulator = await startEmulator({ scenario: 'demo', port: 0, speed: 0, caFile: tempCaFile() });
    client = new LogsQueryClient(credential, { endpoint: emulator.url, tlsOptions: { ca: emulator.caPem } });
    // Rows become queryable 20 s to 3 min after they are collected: let five minutes of virtual time pass.
    emulator.control.advance(300);
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it('gets typed results: Date for datetime, number for long/real, parsed dynamic, boolean', async () => {
    const result = await client.queryWorkspace(
      WORKSPACE,
      `KubeNodeInventory
       | summarize arg_max(TimeGenerated, Labels, Status) by ClusterName, Computer
       | where ClusterName == "aks-canary-eastus-1"
       | summarize Nodes = count(), Latest = max(TimeGenerated), Labels = parse_json(any(Labels)), AllReady = countif(Status == "Ready") == count(), Ratio = 1.0 * countif(Status == "Ready") / count() by ClusterName`,
      { duration: 'PT1H' },
    );
    expect(result.status).toBe(LogsQueryResultStatus.Success);
    const table = (result as { tables: LogsTable[] }).tables[0]!;
    const [row] = table.rows;
    const [clusterName, nodes, latest, labels, allReady, ratio] = row as [string, number, Date, { 'kubernetes.azure.com/agentpool': string }[], boolean, number];
    expect({
      columns: table.columnDescriptors.map((c) => `${c.name}:${c.type}`),
      clusterName, nodes, latestIsDate: latest instanceof Date, pool: labels[0]!['kubernetes.azure.com/agentpool'], allReady, ratio,
    }).toEqual({
      columns: ['ClusterName:string', 'Nodes:long', 'Latest:datetime', 'Labels:dynamic', 'AllReady:bool', 'Ratio:real'],
      clusterName: 'aks-canary-eastus-1', nodes: 4, latestIsDate: true, pool: 'nodepool1', allReady: true, ratio: 1,
    });
  });

  it('a partial failure injected through the fault control reaches the SDK as PartialFailure with the tables', async () => {
    emulator.control.faults.add({ service: 'logs', partial: true, times: 1 });
    const result = await client.queryWorkspace(WORKSPACE, 'KubeNodeInventory | distinct ClusterName | count', { duration: 'PT1H' });
    expect(result.status).toBe(LogsQueryResultStatus.PartialFailure);
    const partial = result as { partialTables: LogsTable[]; partialError: { code?: string } };
    expect({ rows: partial.partialTables[0]!.rows, code: partial.partialError.code }).toEqual({ rows: [[6]], code: 'PartialError' });
  });

  it('a query error surfaces as RestError 400 BadArgumentError naming the position', async () => {
    const error = await client.queryWorkspace(WORKSPACE, 'KubeNodeInventory | mv-expand Labels', { duration: 'PT1H' }).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'BadArgumentError',
      message: expect.stringContaining("'mv-expand operator' is not supported") as unknown,
    });
    expect((error as Error).message).toContain('(at line 1, column 21)');
  });
});
