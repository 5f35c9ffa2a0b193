import type { EmulatorRequest, EmulatorResponse } from '../httpTypes';
import type { TelemetrySource } from '../telemetrySource';
import { KqlError } from './kql/KqlError';
import { runQuery } from './kql/runQuery';
import { serializeTable } from './serializeTable';
import { createWorkspaceTables } from './tables/createWorkspaceTables';
import { GeneratedRowCache } from './tables/GeneratedRowCache';
import { parseRequestTimespan } from './tables/parseRequestTimespan';
import { callerKey } from './throttle/callerKey';
import { DEFAULT_QUERY_LIMITS, QueryThrottle, type CallerLoad, type QueryAdmission, type QueryLimits } from './throttle/QueryThrottle';

/** Scenario-level knobs for the synthetic Container Insights data (scenario key `logs`). */
export interface LogsServiceOptions {
  /** A fixed ingestion latency: rows become visible this long after their TimeGenerated. */
  readonly ingestionDelaySeconds?: number;
  /**
   * A seeded ingestion latency per batch (cluster, table, sample) between min and max seconds; the default when
   * `ingestionDelaySeconds` is absent is 20–180 s, the typical range Microsoft documents for Azure Monitor Logs
   * ("Log data ingestion time in Azure Monitor").
   */
  readonly ingestionDelay?: { readonly minSeconds?: number; readonly maxSeconds?: number; readonly seed?: string };
  /** Interval between inventory samples per cluster (Container Insights default: 60 s). */
  readonly sampleIntervalSeconds?: number;
  /** Azure Monitor's per-user query limits, lowered for tests (defaults: 200 per 30 s, 5 running, 200 queued). */
  readonly limits?: Partial<QueryLimits>;
}

export interface LogsQueryContext {
  /** Set by the fault engine (`POST /_emulator/faults {service:"logs", partial:true}`): answer 200 with a PartialError. */
  readonly partialFailure: boolean;
}

/** The Log Analytics query API: `POST (/v1)?/workspaces/{workspaceId}/query`. Auth and faults are the server's job. */
export interface LogsService {
  /**
   * The per-user throttle in front of every query (`throttle/QueryThrottle.ts`): the server asks before anything
   * else, holds the slot while the query runs (injected latency included) and releases it after the answer.
   */
  admit(request: EmulatorRequest): Promise<QueryAdmission>;
  query(request: EmulatorRequest, workspaceId: string, context: LogsQueryContext): Promise<EmulatorResponse>;
  /** Per caller (`throttle/callerKey.ts`): queries running and queued now, and the peaks since this service began. */
  throttleLoad(): ReadonlyMap<string, CallerLoad>;
}

const DAY_MS = 86_400_000;

function badArgument(message: string, inner?: Record<string, unknown>): EmulatorResponse {
  return {
    status: 400,
    headers: { 'content-type': 'application/json' },
    body: { error: { code: 'BadArgumentError', message, ...(inner ? { innererror: inner } : {}) } },
  };
}

/**
 * A workspace id that does not exist, GUID or not: Log Analytics answers 404 PathNotFoundError "The requested path
 * does not exist" (reported against the query API in Azure/azure-sdk-for-python#45580 and
 * Azure/azure-cli-extensions#3914), never an empty table.
 */
function workspaceNotFound(): EmulatorResponse {
  return { status: 404, headers: { 'content-type': 'application/json' }, body: { error: { code: 'PathNotFoundError', message: 'The requested path does not exist' } } };
}

/**
 * Limits given in code are clamped like the other knobs here, between a floor and Azure's own limit (lowered, never
 * raised); scenario files are validated by their schema with the same bounds.
 */
function queryLimits(given: Partial<QueryLimits> = {}): QueryLimits {
  const whole = (v: number | undefined, azure: number, min: number): number => (typeof v === 'number' && Number.isFinite(v) ? Math.min(azure, Math.max(min, Math.floor(v))) : azure);
  return {
    queriesPer30Seconds: whole(given.queriesPer30Seconds, DEFAULT_QUERY_LIMITS.queriesPer30Seconds, 1),
    concurrentQueries: whole(given.concurrentQueries, DEFAULT_QUERY_LIMITS.concurrentQueries, 1),
    queueLength: whole(given.queueLength, DEFAULT_QUERY_LIMITS.queueLength, 0),
  };
}

/**
 * Answers Log Analytics queries from the simulated clusters: parses `{ query, timespan, workspaces? }`, runs the KQL
 * engine over lazily generated Container Insights tables and returns `{ tables: [PrimaryResult] }`.
 * Query errors → 400 BadArgumentError with the problem and its line:column (innererror has code, line, pos).
 */
export function createLogsService(source: TelemetrySource, options: LogsServiceOptions = {}): LogsService {
  const finite = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  const fixed = options.ingestionDelaySeconds;
  const minSeconds = Math.max(0, finite(fixed, finite(options.ingestionDelay?.minSeconds, 20)));
  const maxSeconds = Math.max(minSeconds, finite(fixed, finite(options.ingestionDelay?.maxSeconds, 180)));
  const ingestionDelay = { minMs: minSeconds * 1000, maxMs: maxSeconds * 1000, seed: options.ingestionDelay?.seed ?? 'ingestion' };
  const intervalSeconds = Math.max(1, finite(options.sampleIntervalSeconds, 60));
  // One per service (so per loaded scenario): a gate's checks share generated rows at the same virtual instant.
  const rowCache = new GeneratedRowCache();
  // One per service, so loading a scenario starts every caller with a fresh budget.
  const throttle = new QueryThrottle(queryLimits(options.limits), () => source.nowMs());
  return {
    admit(request) {
      return throttle.admit(callerKey(request));
    },
    query(request, workspaceId, context) {
      return Promise.resolve(answer(request, workspaceId, context));
    },
    throttleLoad() {
      return throttle.load();
    },
  };

  function answer(request: EmulatorRequest, workspaceId: string, context: LogsQueryContext): EmulatorResponse {
    // Brings the world up to the clock (the source syncs the simulation); the whole query then sees this instant.
    const nowMs = source.nowMs();
    let body: unknown;
    try {
      body = request.body.trim() === '' ? {} : JSON.parse(request.body);
    } catch {
      return badArgument('The request body is not valid JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return badArgument('The request body must be a JSON object');
    const { query, timespan, workspaces } = body as { query?: unknown; timespan?: unknown; workspaces?: unknown };
    if (typeof query !== 'string' || query.trim() === '') return badArgument("The request must have a non-empty 'query' string");
    if (workspaces !== undefined && (!Array.isArray(workspaces) || !workspaces.every((w) => typeof w === 'string'))) {
      return badArgument("'workspaces' must be an array of workspace ids");
    }
    let window;
    try {
      window = parseRequestTimespan(timespan, nowMs);
    } catch (err) {
      return badArgument((err as Error).message);
    }
    const unknown = [workspaceId, ...((workspaces) ?? [])].find((w) => source.workspaceExists?.(w) === false);
    if (unknown !== undefined) return workspaceNotFound();
    const ids = [workspaceId, ...((workspaces) ?? []).filter((w) => w !== workspaceId)];
    const tables = createWorkspaceTables(source, ids, window, {
      ingestionDelay,
      sampleIntervalMs: intervalSeconds * 1000,
      defaultWindowMs: DAY_MS,
      retentionMs: 30 * DAY_MS,
    }, rowCache, nowMs);
    let result;
    try {
      result = runQuery(query, tables, nowMs);
    } catch (err) {
      if (!(err instanceof KqlError)) {
        // An engine defect must not take the emulator down: answer like Log Analytics does on an internal failure.
        return { status: 500, headers: { 'content-type': 'application/json' }, body: { error: { code: 'InternalServerError', message: `The Log Analytics emulator failed on this query: ${(err as Error).message}` } } };
      }
      return badArgument(err.message, {
        code: err.kind,
        message: err.message,
        ...(err.position ? { line: err.position.line, pos: err.position.column } : {}),
      });
    }
    const primary = serializeTable(result);
    const responseBody: Record<string, unknown> = { tables: [primary] };
    if (context.partialFailure) {
      responseBody.error = {
        code: 'PartialError',
        message: 'There were some errors when processing your query.',
        details: [{ code: 'EngineError', message: 'Partial query failure: some shards did not respond (injected by the emulator fault control)', innererror: { code: 'PartialQueryFailure' } }],
      };
    }
    return { status: 200, headers: { 'content-type': 'application/json' }, body: responseBody };
  }
}
