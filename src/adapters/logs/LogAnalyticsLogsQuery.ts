import { LogsQueryResultStatus, type LogsQueryClient, type LogsTable } from '@azure/monitor-query-logs';
import { WORKSPACE_NOT_FOUND, type QueryResult } from '../../domain/checks/checkEvaluation';
import type { TimeWindow } from '../../domain/checks/checkQuery';
import type { LogsQuery } from '../../ports';

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

/**
 * LogsQuery over the Log Analytics query API. Service failures come back as QueryFailure, never as an exception:
 * the gate counts them as Error (never a pass). A partial result is a failure too — a health gate cannot trust
 * a table that may be missing the rows of the sick cluster.
 */
export class LogAnalyticsLogsQuery implements LogsQuery {
  constructor(
    private readonly client: LogsQueryClient,
    private readonly serverTimeoutInSeconds = 60,
  ) {}

  async query(workspaceId: string, kql: string, timespan: TimeWindow): Promise<QueryResult> {
    try {
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
    } catch (error) {
      const e = error as { code?: unknown; message?: unknown; statusCode?: unknown };
      const code = typeof e.code === 'string' ? e.code : typeof e.statusCode === 'number' ? `Http${e.statusCode}` : undefined;
      // Log Analytics answers a workspace id that does not exist (GUID or not) with 404 PathNotFoundError
      // (Azure/azure-sdk-for-python#45580): that is a misconfigured workspace, not a query that found nothing.
      if (e.statusCode === 404 || code === 'PathNotFoundError' || code === 'WorkspaceNotFoundError') {
        return { error: { code: WORKSPACE_NOT_FOUND, message: `Log Analytics workspace '${workspaceId}' was not found (${code ?? 'HTTP 404'}): check logAnalyticsWorkspaceId in the fleet's config` } };
      }
      return { error: { ...(code ? { code } : {}), message: typeof e.message === 'string' ? e.message : String(error) } };
    }
  }
}
