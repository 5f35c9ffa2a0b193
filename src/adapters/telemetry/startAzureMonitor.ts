import type { TokenCredential } from '@azure/core-auth';
import type * as AzureMonitor from '@azure/monitor-opentelemetry';

export interface AzureMonitorSettings {
  readonly connectionString: string;
  /** Entra ID ingestion (the resource has local auth disabled): the app's identity publishes. */
  readonly credential?: TokenCredential;
}

let started = false;

/**
 * Registers the Azure Monitor OpenTelemetry distro as the process's tracer and meter provider, once. Only the Azure
 * SDK instrumentation stays on besides Conductor's own spans: the http instrumentation would record outgoing URLs,
 * and Teams Workflows and webhook URLs carry signatures in their query strings. The Functions host reports each
 * invocation itself (the `requests` table).
 */
export function startAzureMonitor(settings: AzureMonitorSettings): void {
  if (started) return;
  started = true;
  // Required here, not at the top: the distro takes about 0.7 s to load (bench/coldStart.ts) and only a process with
  // APPLICATIONINSIGHTS_CONNECTION_STRING set gets here. A plain require (not createRequire) so a bundler still
  // includes it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { useAzureMonitor } = require('@azure/monitor-opentelemetry') as typeof AzureMonitor;
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: settings.connectionString, ...(settings.credential ? { credential: settings.credential } : {}) },
    instrumentationOptions: {
      http: { enabled: false },
      azureSdk: { enabled: true },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
  });
}
