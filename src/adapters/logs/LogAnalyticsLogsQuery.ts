import { LogsQueryResultStatus, type LogsQueryClient, type LogsTable } from '@azure/monitor-query-logs';
import { WORKSPACE_NOT_FOUND, type QueryResult } from '../../domain/checks/checkEvaluation';
import type { TimeWindow } from '../../domain/checks/checkQuery';
import type { LogsQuery } from '../../ports';
import { retryAfterSeconds } from '../notify/retryAfterSeconds';
import type { LogsQueryPacer } from './LogsQueryPacer';

/** Cells as plain JSON: the client turns datetimes into Date and parses dynamic columns; evidence stores JSON. */
function toJsonCell(cell: unknown): unknown {
  return cell instanceof Date ? cell.toISOString() : cell;
}

function toRows(table: LogsTable): QueryResult {
  return {
    columns: table.columnDescriptors.map((c) => ({ name: c.name ?? '', ...(c.type ? { type: c.type } : {}) })),
    rows: table.rows.map((row) => row.map(toJsonCell)),
  };
}

/** The code of a query refused for budget, by the service (429) or by the pacer before sending it. */
export const THROTTLED = 'Throttled';

/** Sends of one query at most, whatever the service's Retry-After says (the pacer's wait bound usually ends it first). */
const MAX_THROTTLED_ATTEMPTS = 6;

/** Backoff after a 429 without Retry-After: the service says nothing, so wait at least a second and double. */
const backoffMs = (attempt: number): number => Math.min(16_000, 1000 * 2 ** attempt);

/**
 * LogsQuery over the Log Analytics query API. Service failures come back as QueryFailure, never as an exception:
 * the gate counts them as Error (never a pass). A partial result is a failure too — a health gate cannot trust
 * a table that may be missing the rows of the sick cluster.
 *
 * With a pacer (the composition always gives one), queries take turns inside the identity's query budget, and a 429
 * (the budget spent by another instance, or an SDK retry the pacer did not see) pauses the process's queries and is
 * retried until the pacer's wait bound; only then does it become a failed check, coded `Throttled`.
 */
export class LogAnalyticsLogsQuery implements LogsQuery {
  constructor(
    private readonly client: LogsQueryClient,
    private readonly pacer?: LogsQueryPacer,
    private readonly serverTimeoutInSeconds = 60,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async query(workspaceId: string, kql: string, timespan: TimeWindow): Promise<QueryResult> {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      const admission = this.pacer ? await this.pacer.acquire(waited) : { admitted: true as const, waitedMs: 0, release: () => undefined };
      if (!admission.admitted) {
        return {
          error: {
            code: THROTTLED,
            message: `not sent: this identity's Log Analytics query budget (Azure allows 200 queries per 30 s and 5 at once) ${admission.waitMs > 0 ? `would have kept it waiting ${Math.ceil(admission.waitMs / 1000)} s more` : 'gave it a turn only after it had waited past its bound'}; the check is measured again on the gate's next evaluation`,
          },
        };
      }
      waited += admission.waitedMs;
      try {
        return await this.send(workspaceId, kql, timespan);
      } catch (error) {
        const e = error as { statusCode?: unknown; response?: { headers?: { get?(name: string): string | undefined } } };
        if (e.statusCode === 429 && this.pacer && attempt < MAX_THROTTLED_ATTEMPTS - 1) {
          const after = retryAfterSeconds(e.response?.headers?.get?.('retry-after'), this.nowMs());
          // Retry-After 0 or absent: never hammer the service (harsher reading; no source gives its 429's header).
          this.pacer.pauseFor(Math.max(after === undefined ? 0 : after * 1000, backoffMs(attempt)));
          continue;
        }
        return failure(workspaceId, error);
      } finally {
        admission.release();
      }
    }
  }

  private async send(workspaceId: string, kql: string, timespan: TimeWindow): Promise<QueryResult> {
    const result = await this.client.queryWorkspace(
      workspaceId,
      kql,
      { startTime: new Date(timespan.start), endTime: new Date(timespan.end) },
      { serverTimeoutInSeconds: this.serverTimeoutInSeconds },
    );
    if (result.status === LogsQueryResultStatus.PartialFailure) {
      return { error: { code: result.partialError.code ?? 'PartialError', message: `partial result: ${result.partialError.message ?? ''}` } };
    }
    const table = result.tables[0];
    return table ? toRows(table) : { columns: [], rows: [] };
  }
}

function failure(workspaceId: string, error: unknown): QueryResult {
  const e = error as { code?: unknown; message?: unknown; statusCode?: unknown };
  const code = typeof e.code === 'string' ? e.code : typeof e.statusCode === 'number' ? `Http${e.statusCode}` : undefined;
  // Log Analytics answers a workspace id that does not exist (GUID or not) with 404 PathNotFoundError
  // (Azure/azure-sdk-for-python#45580): that is a misconfigured workspace, not a query that found nothing.
  if (e.statusCode === 404 || code === 'PathNotFoundError' || code === 'WorkspaceNotFoundError') {
    return { error: { code: WORKSPACE_NOT_FOUND, message: `Log Analytics workspace '${workspaceId}' was not found (${code ?? 'HTTP 404'}): check logAnalyticsWorkspaceId in the fleet's config` } };
  }
  if (e.statusCode === 429) return { error: { code: THROTTLED, message: typeof e.message === 'string' ? e.message : 'Log Analytics answered 429' } };
  return { error: { ...(code ? { code } : {}), message: typeof e.message === 'string' ? e.message : String(error) } };
}
