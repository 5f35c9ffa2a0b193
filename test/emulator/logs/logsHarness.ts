import { createLogsService, type LogsServiceOptions } from '../../../emulator/logs/createLogsService';
import type { EmulatorResponse } from '../../../emulator/httpTypes';
import type { TelemetrySource } from '../../../emulator/telemetrySource';

/** Posts a query to the service's handler the way the HTTPS server does, for workspace `ws1` unless told. */
export async function post(
  source: TelemetrySource,
  body: unknown,
  options: LogsServiceOptions = {},
  context = { partialFailure: false },
  workspaceId = 'ws1',
): Promise<EmulatorResponse> {
  // These tests pin table contents; ingestion latency has its own tests, so it is off unless a test sets it.
  const service = createLogsService(source, 'ingestionDelay' in options || 'ingestionDelaySeconds' in options ? options : { ingestionDelaySeconds: 0, ...options });
  return service.query(
    { method: 'POST', url: new URL(`https://127.0.0.1/v1/workspaces/${workspaceId}/query`), headers: { authorization: 'Bearer t' }, body: typeof body === 'string' ? body : JSON.stringify(body) },
    workspaceId,
    context,
  );
}

/** Rows of the PrimaryResult table of a 200 answer (fails loudly otherwise). */
export async function rows(source: TelemetrySource, query: string, timespan = 'PT1H', options: LogsServiceOptions = {}): Promise<unknown[][]> {
  const res = await post(source, { query, timespan }, options);
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { tables: { rows: unknown[][] }[] }).tables[0]!.rows;
}
