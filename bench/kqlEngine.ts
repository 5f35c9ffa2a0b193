/**
 * Benchmark (not a test) of the Log Analytics emulator's KQL engine: a where + summarize gate query over ≥ 1M
 * generated KubePodInventory rows. Prints rows/s for generation, for the query alone and end to end.
 * Build and run: npx tsc -p tsconfig.build.json && node dist/bench/kqlEngine.js
 */
import { performance } from 'node:perf_hooks';
import type { TableProvider } from '../emulator/logs/kql/EvalContext';
import { runQuery } from '../emulator/logs/kql/runQuery';
import { createWorkspaceTables } from '../emulator/logs/tables/createWorkspaceTables';
import type { ClusterSegment, TelemetryCluster, TelemetrySource } from '../emulator/telemetrySource';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-21T12:00:00Z');
const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 30);

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
const rate = (rows: number, ms: number): string => `${((rows / ms) * 1000 / 1e6).toFixed(2)}M rows/s`;

const generated = time(() => createWorkspaceTables(source, ['bench'], {}, options).getTable('KubePodInventory', {})!);
const table = generated.value;
const rows = table.rows.length;
console.log(`KubePodInventory: ${rows.toLocaleString('en-US')} rows for ${CLUSTERS} clusters x 1 day; generated in ${generated.ms.toFixed(0)} ms (${rate(rows, generated.ms)})`);
if (rows < 1_000_000) throw new Error(`benchmark needs at least 1M rows, got ${rows}; raise BENCH_CLUSTERS`);

const fixed: TableProvider = { tableNames: () => ['KubePodInventory'], getTable: () => table };
for (const [name, query] of [['where + summarize gate query', GATE_QUERY], ['summarize by bin(TimeGenerated, 15m)', BIN_QUERY]] as const) {
  const runs: number[] = [];
  let out = 0;
  for (let i = 0; i < 7; i++) {
    const r = time(() => runQuery(query, fixed, NOW));
    runs.push(r.ms);
    out = r.value.rows.length;
  }
  runs.sort((a, b) => a - b);
  const median = runs[3]!;
  console.log(`${name}: median ${median.toFixed(0)} ms over ${rows.toLocaleString('en-US')} rows → ${rate(rows, median)} (best ${rate(rows, runs[0]!)}; ${out} result rows)`);
}

const e2e = time(() => runQuery(GATE_QUERY, createWorkspaceTables(source, ['bench'], { fromMs: NOW - DAY, toMs: NOW }, options), NOW));
console.log(`end to end (generate + query, as the service does): ${e2e.ms.toFixed(0)} ms → ${rate(rows, e2e.ms)}`);
