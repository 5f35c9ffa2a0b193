import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cluster, fakeTelemetry, segment, T0 } from './fakeTelemetry';
import { post, rows } from './logsHarness';

const H = 3_600_000;
const NOW = T0 + 2 * H;

/**
 * A fleet whose health numbers are known: aks-a 3 nodes healthy; aks-b 4 nodes with 1 NotReady and 2 crash-looping
 * pods; aks-c 2 nodes with 1 crash-looping pod; aks-d 5 nodes, 2 NotReady, no failing pods. (Crash-looping pods stay
 * in phase Running with their container waiting in CrashLoopBackOff; Kubernetes never marks them Failed.)
 */
const fleet = fakeTelemetry(
  { ws1: [cluster('aks-a', 3), cluster('aks-b', 4), cluster('aks-c', 2), cluster('aks-d', 5)] },
  {
    'aks-b': [segment(T0 - 24 * H, { notReadyNodes: 1, failedPods: 2 })],
    'aks-c': [segment(T0 - 24 * H, { failedPods: 1 })],
    'aks-d': [segment(T0 - 24 * H, { notReadyNodes: 2 })],
  },
  NOW,
);

// Fleet health across clusters in the shape of the Azure docs' example: Ready nodes per cluster, left-outer-joined
// with crash-looping pods per cluster (let, dcount, join kind=leftouter, iff(isempty(...))).
const FLEET_HEALTH = `
let ReadyNodes = KubeNodeInventory
    | where TimeGenerated > ago(5m)
    | where Status == "Ready"
    | summarize ReadyNodes = dcount(Computer) by ClusterName;
let FailedPods = KubePodInventory
    | where TimeGenerated > ago(5m)
    | where ContainerStatus == "waiting" and ContainerStatusReason == "CrashLoopBackOff"
    | summarize FailedPods = dcount(Name) by ClusterName;
ReadyNodes
| join kind=leftouter FailedPods on ClusterName
| project ClusterName, ReadyNodes, FailedPods = iff(isempty(FailedPods), 0, FailedPods)
| order by ClusterName asc`;

describe('the fleet-health query returns the known numbers', () => {
  it('Ready nodes and failed pods per cluster', async () => {
    const res = await post(fleet, { query: FLEET_HEALTH, timespan: 'PT1H' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      tables: [{
        name: 'PrimaryResult',
        columns: [{ name: 'ClusterName', type: 'string' }, { name: 'ReadyNodes', type: 'long' }, { name: 'FailedPods', type: 'long' }],
        rows: [['aks-a', 3, 0], ['aks-b', 3, 2], ['aks-c', 2, 1], ['aks-d', 3, 0]],
      }],
    });
  });

  it.each<[string, string, unknown[][]]>([
    // Published "Queries for the KubePodInventory table" (Azure Monitor reference): pods in crash loop, pods pending.
    ['Pods in crash loop', `KubePodInventory
| where ContainerStatus  == 'waiting'
| where ContainerStatusReason == 'CrashLoopBackOff' or ContainerStatusReason == 'Error'
| extend ContainerLastStatus=todynamic(ContainerLastStatus)
| summarize RestartCount = arg_max(ContainerRestartCount, Computer, Namespace, ContainerLastStatus.reason) by Name`,
    // Crash-looping for 26 hours at the kubelet's back-off (10 s doubling to 5 min): 315 restarts each.
    [['web-txxxb8lbvh-54gfn', 315, 'aks-nodepool1-39720540-vmss000000', 'shop', '"Error"'],
      ['web-txxxb8lbvh-sj4sh', 315, 'aks-nodepool1-39720540-vmss000001', 'shop', '"Error"'],
      ['web-76vmkgnx2h-fm5z8', 315, 'aks-nodepool1-56498159-vmss000000', 'shop', '"Error"']]],
    ['Pods in pending state', `KubePodInventory
| where PodStatus == 'Pending'
| project PodCreationTimeStamp, Namespace, PodStartTime, PodStatus, Name, ContainerStatus
| summarize Start = any(PodCreationTimeStamp), arg_max(PodStartTime, Namespace) by Name
| extend PodStartTime = iff(isnull(PodStartTime), now(), PodStartTime)
| extend PendingTime = PodStartTime - Start
| project Name, Namespace ,PendingTime`, []],
    ['Crash-looping pods with their controller (gate style: one batch for the stage; ControllerName is the ReplicaSet)', `let stage = dynamic(["aks-b", "aks-c"]);
KubePodInventory
| where TimeGenerated > ago(5m) and ClusterName in (stage)
| where PodStatus == "Running" and ContainerStatusReason == "CrashLoopBackOff"
| summarize Failed = dcount(PodUid) by ClusterName, ControllerName
| order by ClusterName asc`, [['aks-b', 'web-txxxb8lbvh', 2], ['aks-c', 'web-76vmkgnx2h', 1]]],
  ])('%s', async (_title, query, expected) => {
    expect(await rows(fleet, query)).toEqual(expected);
  });

  it('the crash-loop query has the documented result columns', async () => {
    const res = await post(fleet, { query: 'KubePodInventory | extend ContainerLastStatus=todynamic(ContainerLastStatus) | summarize RestartCount = arg_max(ContainerRestartCount, Computer, Namespace, ContainerLastStatus.reason) by Name | take 1', timespan: 'PT5M' });
    const columns = (res.body as { tables: { columns: unknown[] }[] }).tables[0]!.columns;
    expect(columns).toEqual([
      { name: 'Name', type: 'string' }, { name: 'RestartCount', type: 'int' }, { name: 'Computer', type: 'string' },
      { name: 'Namespace', type: 'string' }, { name: 'ContainerLastStatus_reason', type: 'dynamic' },
    ]);
  });
});

const fixtures = path.resolve(__dirname, '../../fixtures/azure/loganalytics');
type Fixture = { parameters: { workspaceId: string; body: Record<string, unknown> }; responses: { 200: { body: { tables: { name: string; columns: unknown[] }[] } } } };

describe('published Log Analytics examples replay with the same response shape', () => {
  const workspaceId = '63613592-b6f7-4c3d-a390-22ba13102111';
  const source = fakeTelemetry({ [workspaceId]: [cluster('aks-a', 2)] }, {}, NOW);
  it.each(['oms-post-example.json', 'la-post-example.json', 'oms-post-cross-workspace-example.json'])('%s', async (file) => {
    const fixture = JSON.parse(readFileSync(path.join(fixtures, file), 'utf8')) as Fixture;
    const res = await post(source, fixture.parameters.body, {}, { partialFailure: false }, fixture.parameters.workspaceId);
    expect(res.status).toBe(200);
    const body = res.body as { tables: { name: string; columns: unknown[]; rows: unknown[][] }[] };
    const expected = fixture.responses[200].body.tables;
    expect(body.tables.map((t) => ({ name: t.name, columns: t.columns }))).toEqual(expected.map((t) => ({ name: t.name, columns: t.columns })));
    expect(body.tables[0]!.rows.length).toBeGreaterThan(0);
    expect(body.tables[0]!.rows.every((r) => r.length === expected[0]!.columns.length)).toBe(true);
  });
});

describe('request handling', () => {
  it.each<[string, string, { status: number; code: string; message: string }]>([
    ['invalid JSON', '{"query":', { status: 400, code: 'BadArgumentError', message: 'The request body is not valid JSON' }],
    ['no query', '{"timespan":"PT1H"}', { status: 400, code: 'BadArgumentError', message: "The request must have a non-empty 'query' string" }],
    ['bad timespan', '{"query":"Heartbeat","timespan":"1 hour"}', { status: 400, code: 'BadArgumentError', message: "Invalid timespan '1 hour': expected an ISO 8601 duration such as PT1H or an interval start/end" }],
    ['bad workspaces', '{"query":"Heartbeat","workspaces":"x"}', { status: 400, code: 'BadArgumentError', message: "'workspaces' must be an array of workspace ids" }],
    ['query error', '{"query":"Heartbeat | where Computer = 1"}', { status: 400, code: 'BadArgumentError', message: "Unexpected '=': use '==' to compare values ('=' only names a column) (at line 1, column 28)" }],
    ['unsupported operator', '{"query":"Heartbeat | mv-expand Solutions"}', { status: 400, code: 'BadArgumentError', message: "'mv-expand operator' is not supported by the Log Analytics emulator's KQL subset (see emulator/logs/KQL-SUBSET.md) (at line 1, column 13)" }],
  ])('%s', async (_title, body, expected) => {
    const res = await post(fleet, body);
    const error = (res.body as { error: { code: string; message: string } }).error;
    expect({ status: res.status, code: error.code, message: error.message }).toEqual(expected);
  });

  it('a query error names its position in innererror', async () => {
    const res = await post(fleet, { query: 'Heartbeat\n| summarize count() by\n' });
    expect(res.body).toEqual({
      error: {
        code: 'BadArgumentError',
        message: 'Expected an expression, found end of query (at line 3, column 1)',
        innererror: { code: 'SyntaxError', message: 'Expected an expression, found end of query (at line 3, column 1)', line: 3, pos: 1 },
      },
    });
  });

  it('partial failure: 200 with the tables and a PartialError', async () => {
    const res = await post(fleet, { query: 'KubeNodeInventory | where TimeGenerated == now() | count', timespan: 'PT5M' }, {}, { partialFailure: true });
    expect(res.status).toBe(200);
    const body = res.body as { tables: { rows: unknown[][] }[]; error: { code: string; details: { code: string }[] } };
    expect({ rows: body.tables[0]!.rows, code: body.error.code, detail: body.error.details[0]!.code }).toEqual({ rows: [[14]], code: 'PartialError', detail: 'EngineError' });
  });

  it.each<[string, string, unknown[]]>([
    ['datetime as ISO 8601, timespan as [d.]hh:mm:ss, dynamic as JSON text, NaN as text',
      'print d = datetime(2026-11-21T10:00:00Z), t = 1d + 90m, j = dynamic({"a":[1]}), s = dynamic("x"), n = 0.0 / 0, b = true, l = long(null)',
      ['2026-11-21T10:00:00Z', '1.01:30:00', '{"a":[1]}', '"x"', 'NaN', true, null]],
  ])('wire format: %s', async (_title, query, expected) => {
    expect((await rows(fleet, query))[0]).toEqual(expected);
  });
});
