import type { Pipeline } from '@azure/core-rest-pipeline';
import { ManagedIdentityCredential } from '@azure/identity';
import type { Config } from '../config';
import type { Outbox } from '../ports';
import { appVersion } from '../version';
import { ConductorTelemetry } from '../adapters/telemetry/ConductorTelemetry';
import { startAzureMonitor } from '../adapters/telemetry/startAzureMonitor';
import { instrumentStores, type InstrumentedStores } from '../adapters/telemetry/instrumentPorts';
import { InstrumentedOutbox } from '../adapters/telemetry/InstrumentedOutbox';
import { countArmThrottling } from '../adapters/telemetry/armThrottlingPolicy';
import { instrumentServices } from './instrumentServices';
import type { Services } from './createServices';

/** Where the composition root puts telemetry in: every place is a decorator, so without telemetry nothing changes. */
export interface ProcessTelemetry {
  stores(stores: InstrumentedStores, options?: Parameters<typeof instrumentStores>[2]): InstrumentedStores;
  outbox(outbox: Outbox): Outbox;
  armPipeline(pipeline: Pipeline): void;
  services(services: Services): Services;
}

/** Wiring for a given ConductorTelemetry (tests pass one over in-memory exporters). */
export function telemetryWiring(telemetry: ConductorTelemetry): ProcessTelemetry {
  return {
    stores: (s, options) => instrumentStores(s, telemetry, options),
    outbox: (o) => new InstrumentedOutbox(o, telemetry),
    armPipeline: (p) => countArmThrottling(p, telemetry),
    services: (s) => instrumentServices(s, telemetry),
  };
}

/**
 * The process's telemetry: on only when APPLICATIONINSIGHTS_CONNECTION_STRING is set (the deployment sets it; local
 * runs do not unless asked), exported by the Azure Monitor distro with the app's managed identity when
 * APPLICATIONINSIGHTS_AUTHENTICATION_STRING says `Authorization=AAD` (the resource has local auth disabled).
 */
export function processTelemetry(config: Config): ProcessTelemetry | undefined {
  const settings = config.telemetry;
  if (settings.connectionString === undefined) return undefined;
  const identity = settings.entraClientId;
  startAzureMonitor({
    connectionString: settings.connectionString,
    ...(identity === undefined ? {} : { credential: identity === 'system' ? new ManagedIdentityCredential() : new ManagedIdentityCredential({ clientId: identity }) }),
  });
  return telemetryWiring(new ConductorTelemetry({ version: appVersion }));
}
