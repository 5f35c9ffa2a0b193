import type { TelemetryCluster, TelemetrySource } from '../../telemetrySource';
import type { ScanHint, TableProvider } from '../kql/EvalContext';
import { KqlError } from '../kql/KqlError';
import type { KqlValue, Table } from '../kql/kqlTypes';
import { buildClusterModel, type ClusterModel } from './clusterModel';
import { ClusterTimeline } from './clusterTimeline';
import type { GenerationContext, IngestionDelay } from './GenerationContext';
import type { GeneratedRowCache } from './GeneratedRowCache';
import { generateEventRows } from './generateEventRows';
import { generateHeartbeatRows } from './generateHeartbeatRows';
import { generateMetricRows } from './generateMetricRows';
import { generateNodeRows } from './generateNodeRows';
import { generatePodRows } from './generatePodRows';
import { generatePvRows } from './generatePvRows';
import { generateUsageRows } from './generateUsageRows';
import type { RequestWindow } from './parseRequestTimespan';
import { TABLE_SCHEMAS } from './tableSchemas';

export interface WorkspaceTablesOptions {
  /** Seeded per-batch ingestion latency; rows are never visible before TimeGenerated + minMs. */
  readonly ingestionDelay: IngestionDelay;
  readonly sampleIntervalMs: number;
  /** Window used when neither the request's timespan nor a `where TimeGenerated > ...` bounds the query. */
  readonly defaultWindowMs: number;
  /** Rows older than this are gone (Log Analytics retention). */
  readonly retentionMs: number;
}

const GENERATORS: Readonly<Record<string, (ctx: GenerationContext, out: KqlValue[][]) => void>> = {
  KubeNodeInventory: generateNodeRows,
  KubePodInventory: generatePodRows,
  KubePVInventory: generatePvRows,
  InsightsMetrics: generateMetricRows,
  Heartbeat: generateHeartbeatRows,
  KubeEvents: generateEventRows,
};

const models = new Map<string, ClusterModel>();
/** Cluster models keyed by the cluster's content (the simulation may hand out new objects on each call). */
function modelOf(cluster: TelemetryCluster): ClusterModel {
  const key = JSON.stringify(cluster);
  let m = models.get(key);
  if (!m) {
    if (models.size > 2000) models.clear();
    m = buildClusterModel(cluster);
    models.set(key, m);
  }
  return m;
}

/** A cluster reporting to the workspace; its model and timeline are built only when a query can see it. */
interface WorkspaceCluster {
  readonly cluster: TelemetryCluster;
  built?: { readonly model: ClusterModel; readonly timeline: ClusterTimeline };
}

/**
 * The tables one query can see: generated on first use, only for the time range the query can observe
 * (request timespan ∩ `where TimeGenerated` bounds ∩ retention), never past now − ingestion delay, and only for the
 * clusters its leading `where ClusterId/ClusterName/_ResourceId in|==` filters allow (other clusters are never
 * modelled). With a row cache (the logs service's), a cluster's rows for the same table, range and instant are
 * generated once across queries (GeneratedRowCache says why that is exact).
 */
export function createWorkspaceTables(
  source: TelemetrySource,
  workspaceIds: readonly string[],
  window: RequestWindow,
  options: WorkspaceTablesOptions,
  rowCache?: GeneratedRowCache,
  nowMs: number = source.nowMs(),
): TableProvider {
  const visibleTo = nowMs - options.ingestionDelay.minMs;
  const clusters = workspaceIds.map((id) => ({
    id,
    clusters: source.clustersForWorkspace(id).map((cluster): WorkspaceCluster => ({ cluster })),
  }));
  const built = (c: WorkspaceCluster): { readonly model: ClusterModel; readonly timeline: ClusterTimeline } => {
    if (!c.built) {
      const segments = source.segments(c.cluster.resourceId);
      const timeline = rowCache ? rowCache.timeline(segments, c.cluster.nodeCount) : new ClusterTimeline(segments, c.cluster.nodeCount);
      c.built = { model: modelOf(c.cluster), timeline };
    }
    return c.built;
  };
  const cache = new Map<string, Table>();
  const names = Object.keys(TABLE_SCHEMAS);
  return {
    tableNames: () => names,
    columnsOf: (name) => TABLE_SCHEMAS[name],
    getTable(name: string, hint: ScanHint): Table | undefined {
      const columns = TABLE_SCHEMAS[name];
      if (!columns) return undefined;
      const fromMs = Math.max(
        window.fromMs ?? hint.fromMs ?? nowMs - options.defaultWindowMs,
        hint.fromMs ?? -Infinity,
        nowMs - options.retentionMs,
      );
      const toMs = Math.min(window.toMs ?? Infinity, hint.toMs ?? Infinity, visibleTo);
      const filters = name === 'Usage' ? [] : (hint.clusterFilters ?? []);
      // ClusterId is the resource id with `resourcegroups` lower-cased (clusterModel), so both compare lower-cased.
      const visible = (c: WorkspaceCluster): boolean =>
        filters.every((f) => f.values.has((f.column === 'ClusterName' ? c.cluster.name : c.cluster.resourceId).toLowerCase()));
      const key = `${name}|${fromMs}|${toMs}|${filters.map((f) => `${f.column}=${[...f.values].sort().join(',')}`).join(';')}`;
      const cached = cache.get(key);
      if (cached) return cached;
      // KubeEvents rows are stamped before they are written (generateEventRows), so their writes are generated up to now.
      guardVolume(name, clusters.flatMap((w) => w.clusters.filter(visible).map((c) => built(c).model)), fromMs, name === 'KubeEvents' && toMs >= fromMs ? Math.max(toMs, visibleTo) : toMs, options);
      const rows: KqlValue[][] = [];
      const delay = options.ingestionDelay;
      for (const ws of clusters) {
        if (name === 'Usage') {
          generateUsageRows(ws.id, ws.clusters.map(built), fromMs, toMs, options.sampleIntervalMs, (delay.minMs + delay.maxMs) / 2000, rows);
          continue;
        }
        const batch = `${ws.id}|${name}|${fromMs}|${toMs}|${options.sampleIntervalMs}|${delay.minMs}|${delay.maxMs}|${delay.seed}`;
        for (const c of ws.clusters) {
          if (toMs < fromMs || !visible(c)) continue;
          const { model, timeline } = built(c);
          const generate = (out: KqlValue[][]): void =>
            GENERATORS[name]!({ workspaceId: ws.id, table: name, model, timeline, fromMs, toMs, intervalMs: options.sampleIntervalMs, nowMs, delay }, out);
          if (!rowCache) {
            generate(rows);
            continue;
          }
          for (const row of rowCache.rows(timeline, model, nowMs, batch, generate)) rows.push(row);
        }
      }
      const table = { columns, rows };
      cache.set(key, table);
      return table;
    },
  };
}

/** Upper bound of rows a generator can produce before it runs out of memory; beyond it the query is refused. */
export const MAX_GENERATED_ROWS = 4_000_000;

function guardVolume(name: string, models: readonly ClusterModel[], fromMs: number, toMs: number, options: WorkspaceTablesOptions): void {
  if (name === 'Usage' || toMs < fromMs) return;
  const samples = Math.floor((toMs - fromMs) / options.sampleIntervalMs) + 1;
  const perSample = models.reduce((sum, m) => {
    const nodes = m.nodeNames.length;
    switch (name) {
      case 'KubePodInventory': return sum + m.pods.reduce((c, p) => c + p.containers.length, 0) + nodes;
      case 'KubePVInventory': return sum + m.pvcs.length;
      case 'InsightsMetrics': return sum + nodes + m.cluster.workloads.length + m.pvcs.length;
      case 'KubeEvents': return sum + 2 * m.pods.length + m.pvcs.length;
      default: return sum + nodes + 1;
    }
  }, 0);
  const estimate = samples * perSample;
  if (estimate > MAX_GENERATED_ROWS) {
    throw new KqlError(
      `The emulator would generate about ${estimate.toLocaleString('en-US')} ${name} rows for ${new Date(fromMs).toISOString()}..${new Date(toMs).toISOString()} ` +
        `(limit ${MAX_GENERATED_ROWS.toLocaleString('en-US')}); narrow the timespan or filter with 'where TimeGenerated > ago(...)' right after the table`,
      undefined,
    );
  }
}
