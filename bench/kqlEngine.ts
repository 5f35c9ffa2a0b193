/**
 * Benchmark (not a test) of the Log Analytics emulator's KQL engine: a where + summarize gate query over ≥ 1M
 * generated KubePodInventory rows. Prints rows/s for generation, for the query alone and end to end.
 *
 *   npm run build && node dist/bench/kqlEngine.js [--quick]
 */
import { performance } from 'node:perf_hooks';
import { figure, quick, runBench, writeSection, type Figure } from './support/benchResult';
import type { TableProvider } from '../emulator/logs/kql/EvalContext';
import { runQuery } from '../emulator/logs/kql/runQuery';
import { createWorkspaceTables } from '../emulator/logs/tables/createWorkspaceTables';
import type { ClusterSegment, TelemetryCluster, TelemetrySource } from '../emulator/telemetrySource';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-21T12:00:00Z');
// 15 clusters give ~1.1M rows; --quick a third of that (the engine's rate, not the table size, is the figure).
const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? (quick() ? 5 : 15));

const clusters: TelemetryCluster[] = Array.from({ length: CLUSTERS }, (_, i) => ({
  resourceId: `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-bench/providers/Microsoft.ContainerService/managedClusters/aks-bench-${i}`,
  name: `aks-bench-${i}`,
  location: 'westeurope',
  nodeCount: 10,
  workloads: [
    { namespace: 'shop', controllerName: 'web', controllerKind: 'ReplicaSet', replicas: 3 },
    { namespace: 'shop', controllerName: 'db', controllerKind: 'StatefulSet', replicas: 2 },
  ],
  pvcCount: 2,
}));
const segments = (resourceId: string): ClusterSegment[] => {
  const i = Number(resourceId.split('-').pop());
  const healthy = { notReadyNodes: 0, failedPods: 0, pendingPvcs: 0, metricsFlowing: true, restarts: 2 };
  return [
    { fromMs: NOW - 2 * DAY, kubernetesVersion: '1.33.2', nodeImageVersion: 'img-1', upgrading: false, health: healthy },
    { fromMs: NOW - 6 * 3_600_000, kubernetesVersion: '1.34.1', nodeImageVersion: 'img-2', upgrading: true, health: { ...healthy, failedPods: i % 3 } },
    { fromMs: NOW - 5 * 3_600_000, kubernetesVersion: '1.34.1', nodeImageVersion: 'img-2', upgrading: false, health: { ...healthy, failedPods: i % 3, restarts: 10 } },
  ];
};
const source: TelemetrySource = { nowMs: () => NOW, clustersForWorkspace: () => clusters, segments };
const options = { ingestionDelay: { minMs: 0, maxMs: 0, seed: 'bench' }, sampleIntervalMs: 60_000, defaultWindowMs: DAY, retentionMs: 30 * DAY };

const GATE_QUERY = `KubePodInventory
| where TimeGenerated > ago(1d)
| where PodStatus in ("Failed", "Unknown") or ContainerRestartCount > 20
| summarize Failed = dcountif(Name, PodStatus == "Failed"), MaxRestarts = max(ContainerRestartCount), Rows = count() by ClusterName`;
const BIN_QUERY = `KubePodInventory
| where Namespace != "kube-system"
| summarize Pods = dcount(PodUid), Restarts = max(ContainerRestartCount) by ClusterName, bin(TimeGenerated, 15m)`;

function time<T>(f: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = f();
  return { ms: performance.now() - t, value };
}

function main(): Promise<void> {
  const started = performance.now();
  const repeats = quick() ? 3 : 5;
  const generated = time(() => createWorkspaceTables(source, ['bench'], {}, options).getTable('KubePodInventory', {})!);
  const table = generated.value;
  const rows = table.rows.length;
  if (rows < 1_000_000 && !quick()) throw new Error(`benchmark needs at least 1M rows, got ${rows}; raise BENCH_CLUSTERS`);
  const fixed: TableProvider = { tableNames: () => ['KubePodInventory'], getTable: () => table };
  const figures: Figure[] = [];
  for (const [name, query] of [['where + summarize gate query', GATE_QUERY], ['summarize by bin(TimeGenerated, 15m)', BIN_QUERY]] as const) {
    const rates: number[] = [];
    for (let i = 0; i < repeats; i++) rates.push(rows / time(() => runQuery(query, fixed, NOW)).ms / 1000);
    figures.push(figure(`${name}, query alone`, 'M rows/s', rates));
  }
  const e2e: number[] = [];
  for (let i = 0; i < Math.min(repeats, 2); i++) e2e.push(rows / time(() => runQuery(GATE_QUERY, createWorkspaceTables(source, ['bench'], { fromMs: NOW - DAY, toMs: NOW }, options), NOW)).ms / 1000);
  figures.push(figure('gate query end to end (generate the rows + query, as the service does)', 'M rows/s', e2e));
  writeSection({
    title: 'KQL engine (the emulator\'s Log Analytics)',
    measures: `The emulator's KQL engine, in this process, over ${rows.toLocaleString('en-US')} generated KubePodInventory rows (${CLUSTERS} clusters × 1 day, 1-minute samples); ${repeats} repetitions per figure; rows/s = input rows ÷ elapsed time. Row generation alone: ${(rows / generated.ms / 1000).toFixed(2)} M rows/s.`,
    leavesOut: 'HTTP and JSON serialisation of the answer; Log Analytics itself (this measures the local stand-in, which gate checks query in every other benchmark; its speed bounds how many gates the local world can check per second, not the app\'s speed in Azure).',
    figures,
    notes: [],
    wallSeconds: (performance.now() - started) / 1000,
  });
  return Promise.resolve();
}

runBench(main);
