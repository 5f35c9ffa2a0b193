import type { EmulatorRequest, EmulatorResponse } from '../httpTypes';
import type { TelemetrySource } from '../telemetrySource';

/** Scenario-level knobs for the synthetic Container Insights data (scenario key `logs`). */
export interface LogsServiceOptions {
  /** Rows become visible this long after their TimeGenerated (Log Analytics ingestion latency). */
  readonly ingestionDelaySeconds?: number;
  /** Interval between inventory samples per cluster (Container Insights default: 60 s). */
  readonly sampleIntervalSeconds?: number;
}

export interface LogsQueryContext {
  /** Set by the fault engine (`POST /_emulator/faults {service:"logs", partial:true}`): answer 200 with a PartialError. */
  readonly partialFailure: boolean;
}

/** The Log Analytics query API: `POST (/v1)?/workspaces/{workspaceId}/query`. Auth and faults are the server's job. */
export interface LogsService {
  query(request: EmulatorRequest, workspaceId: string, context: LogsQueryContext): Promise<EmulatorResponse>;
}

// Placeholder until the KQL engine lands (issue 4): answers every query with a clear 501, never fake data.
export function createLogsService(_source: TelemetrySource, _options: LogsServiceOptions = {}): LogsService {
  return {
    query() {
      return Promise.resolve({
        status: 501,
        body: { error: { code: 'NotImplemented', message: 'The Log Analytics emulator is not built yet' } },
      });
    },
  };
}
