import { randomUUID } from 'node:crypto';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { TableClient, type TransactionAction } from '@azure/data-tables';
import { startEmulator } from '../../emulator/startEmulator';

const SUB = '00000000-0000-0000-0000-00000000a1a1';
const WS = '3c1d7e52-9a4b-4f0e-8d26-5b7a0c9e1f43';
const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-warm/providers/Microsoft.ContainerService/fleets/fleet-warm`;
const API = 'api-version=2026-06-01';

/** Check-shaped queries (newest snapshot per cluster, per-pod failures, rows seen), as docs/azure-apis.md §8 rows are read. */
function checkQueries(clusterId: string, fromIso: string, toIso: string): string[] {
  const preamble = `let clusters = dynamic(["${clusterId}"]);\nlet windowStart = datetime(${fromIso});\nlet windowEnd = datetime(${toIso});\n`;
  const snapshot = (name: string, table: string): string =>
    `let ${name}Rows = ${table}\n| where TimeGenerated between (windowStart .. windowEnd)\n| where ClusterId in~ (clusters);\n` +
    `let ${name} = ${name}Rows\n| join kind=inner (${name}Rows | summarize Snapshot = max(TimeGenerated) by ClusterId) on ClusterId\n| where TimeGenerated == Snapshot;\n`;
  return [
    `${preamble}${snapshot('nodes', 'KubeNodeInventory')}nodes\n| extend IsReady = Status == "Ready" or Status startswith "Ready," or Status endswith ",Ready" or Status contains ",Ready,"\n| summarize Nodes = count(), NotReadyNodes = countif(IsReady == false) by ClusterId\n| project ClusterId, Value = NotReadyNodes, Nodes`,
    `${preamble}${snapshot('pods', 'KubePodInventory')}pods\n| summarize Failing = countif(ContainerStatusReason in ("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull") or PodStatus in ("Failed", "Unknown")) by ClusterId, Namespace, Name, PodUid\n| summarize Pods = count(), FailingPods = countif(Failing > 0) by ClusterId\n| project ClusterId, Value = FailingPods, Pods`,
    `${preamble}KubeNodeInventory\n| where TimeGenerated between (windowStart .. windowEnd)\n| where ClusterId in~ (clusters)\n| project ClusterId, Seen = TimeGenerated\n| summarize Value = count(), LastSeen = max(Seen) by ClusterId`,
  ];
}

/**
 * Serves the requests of a gate burst (update run started, gates opened, read, checked with Log Analytics queries,
 * completed) from a throwaway emulator of its own — own world, port and CA file, stopped at the end — so that V8
 * has compiled the emulator's request path, simulation and KQL engine before a measurement starts. For the
 * benchmarks' cloud process (bench/cloud.ts), which stands in for Azure, whose services are never cold: without it
 * a good part of the emulator's CPU in one 50-gate burst in a fresh process is V8 warming its code up. No other
 * emulator's state, request log or clock is touched (the compiled code is all they share).
 */
export async function warmUpEmulator(gates = 40): Promise<void> {
  const groups = Array.from({ length: gates }, (_, g) => `g${String(g).padStart(2, '0')}`);
  const emulator = await startEmulator({
    port: 0,
    speed: 0,
    caFile: path.join(os.tmpdir(), `emulator-warmup-ca-${randomUUID()}.pem`),
    scenario: {
      name: 'warm-up',
      subscriptionId: SUB,
      startTime: '2026-11-21T08:00:00Z',
      speed: 0,
      workspaceId: WS,
      logs: { ingestionDelaySeconds: 0, sampleIntervalSeconds: 60 },
      defaults: { upgradeMinutes: 4, nodeCount: 3, kubernetesVersion: '1.32.7', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' },
      regions: { eastus: { kubernetesVersions: ['1.32.7', '1.33.2'], nodeImage: '202611.01.0' } },
      fleets: [{ name: 'fleet-warm', resourceGroup: 'rg-warm', location: 'eastus', members: groups.map((g) => ({ name: `m-${g}`, group: g, cluster: { name: `aks-warm-${g}`, resourceGroup: 'rg-aks', location: 'eastus' } })) }],
    },
  });
  const agent = new https.Agent({ keepAlive: true, ca: emulator.caPem });
  const call = (method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; json: unknown }> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? '' : JSON.stringify(body);
      const req = https.request(new URL(pathAndQuery, emulator.url), { method, agent, headers: { authorization: 'Bearer warm-up', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, json: text === '' ? undefined : (JSON.parse(text) as unknown) });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  const expectOk = async (method: string, pathAndQuery: string, body?: unknown): Promise<unknown> => {
    const res = await call(method, pathAndQuery, body);
    if (res.status >= 300) throw new Error(`emulator warm-up: ${method} ${pathAndQuery} answered ${res.status}: ${JSON.stringify(res.json)}`);
    return res.json;
  };
  try {
    await expectOk('PUT', `${FLEET}/updateStrategies/warm?${API}`, { properties: { strategy: { stages: [{ name: 's0', groups: groups.map((name) => ({ name, afterGates: [{ type: 'Approval', displayName: 'warm-up' }] })) }] } } });
    await expectOk('PUT', `${FLEET}/updateRuns/warm-run?${API}`, { properties: { updateStrategyId: `${FLEET}/updateStrategies/warm`, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' } } } });
    await expectOk('POST', `${FLEET}/updateRuns/warm-run/start?${API}`);
    await expectOk('POST', '/_emulator/clock', { advanceSeconds: 3600 });
    const now = emulator.control.sim.nowMs();
    const list = (await expectOk('GET', `${FLEET}/gates?${API}`)) as { value?: { name: string; properties?: { target?: { updateRunProperties?: { group?: string } } } }[] };
    const members = emulator.control.sim.fleets.values().next().value?.members;
    await Promise.all(
      (list.value ?? []).map(async (gate) => {
        await expectOk('GET', `${FLEET}/gates/${gate.name}?${API}`);
        const group = gate.properties?.target?.updateRunProperties?.group ?? '';
        const clusterId = (members?.get(`m-${group}`)?.clusterResourceId ?? '').toLowerCase();
        for (const query of checkQueries(clusterId, new Date(now - 10 * 60_000).toISOString(), new Date(now).toISOString()))
          await expectOk('POST', `/v1/workspaces/${WS}/query`, { query, timespan: `${new Date(now - 86_400_000).toISOString()}/${new Date(now).toISOString()}` });
        await expectOk('PATCH', `${FLEET}/gates/${gate.name}?${API}`, { properties: { state: 'Completed' } });
        await expectOk('GET', `${FLEET}/updateRuns/warm-run?${API}`);
      }),
    );
  } finally {
    agent.destroy();
    await emulator.stop();
  }
}

/**
 * Table Storage, like the emulator, is never cold in Azure: the operations the app makes (table creation, batches,
 * point reads, filtered queries, conditional updates, deletes) run a few hundred times on a table of their own, which
 * is then deleted, so Azurite's code is compiled before a measurement. Nothing of it remains in the store.
 */
export async function warmUpAzurite(connectionString: string): Promise<void> {
  const table = TableClient.fromConnectionString(connectionString, `benchwarmup${Date.now()}`, { allowInsecureConnection: true });
  await table.createTable();
  try {
    for (let round = 0; round < 30; round++) {
      const pk = `p${round % 5}`;
      await table.submitTransaction(Array.from({ length: 4 }, (_, i): TransactionAction => ['upsert', { partitionKey: pk, rowKey: `r${round}-${i}`, state: 'Pending', at: new Date(), n: i }, 'Merge']));
      const entity = await table.getEntity(pk, `r${round}-0`);
      await table.updateEntity({ partitionKey: pk, rowKey: `r${round}-0`, state: 'Completed' }, 'Merge', { etag: entity.etag });
      await table.createEntity({ partitionKey: pk, rowKey: `once-${round}`, note: 'x'.repeat(200) });
      await table.listEntities({ queryOptions: { filter: `PartitionKey eq '${pk}' and state eq 'Pending'` } }).byPage({ maxPageSize: 50 }).next();
      await table.deleteEntity(pk, `once-${round}`);
    }
  } finally {
    await table.deleteTable();
  }
}
