import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import type { TokenCredential } from '@azure/core-auth';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import https from 'node:https';
import tls from 'node:tls';
import type { Config } from '../config';

const ARM_SCOPE = 'https://management.azure.com/.default';
const LOGS_SCOPE = 'https://api.loganalytics.io/.default';

/**
 * The one HTTPS agent of every ARM, Log Analytics and (over https) Table Storage client of the process: keep-alive
 * connections shared across clients, and one TLS context (with the extra CA, if any) built once instead of per
 * connection. Without it each
 * client kept its own pool (the SDKs key their cached agents by the TLS options object), so a burst of gate events
 * opened a new TLS connection per request and parsed the CA for each (measured by bench/gateLatency.ts).
 */
export function createAzureAgent(caPem: string | undefined): https.Agent {
  return new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST, secureContext: tls.createSecureContext(caPem ? { ca: caPem } : {}) });
}

/**
 * Connections per host (ARM, Log Analytics, Table Storage): a burst of gate events otherwise opens one TLS connection per request in
 * flight (50 gates: ~100 handshakes, about 7 ms of app CPU per gate and as much again in the service, measured with
 * bench/gateLatency.ts and BENCH_APP_CPU_PROF), then keeps them all idle. Requests beyond this wait for a free
 * connection, which costs little: Log Analytics runs at most 5 queries of a user at once and queues the rest anyway
 * ("Query API" limits in "Azure Monitor service limits"), and an ARM read or a Table request takes milliseconds.
 */
const MAX_SOCKETS_PER_HOST = 16;

/**
 * SDK clients for ARM and Log Analytics, over the process's agent (createAzureAgent). Only endpoints and an extra CA differ between Azure and the local emulator:
 * the bearer-token policy stays, and token scopes are pinned because the Fleet client would otherwise derive its
 * scope from the endpoint (docs/azure-apis.md §1.2).
 */
export function createFleetClient(config: Config, credential: TokenCredential, subscriptionId: string, agent: https.Agent): ContainerServiceFleetClient {
  return new ContainerServiceFleetClient(credential, subscriptionId, {
    endpoint: config.azure.armEndpoint,
    credentials: { scopes: [ARM_SCOPE] },
    agent,
    ...retries(config.azure.armMaxRetries),
  });
}

/** AKS (`managedClusters`, `kubernetesVersions`; its pipeline also carries the preview-only `nodeImageVersions` calls). */
export function createContainerServiceClient(config: Config, credential: TokenCredential, subscriptionId: string, agent: https.Agent): ContainerServiceClient {
  return new ContainerServiceClient(credential, subscriptionId, {
    endpoint: config.azure.armEndpoint,
    credentials: { scopes: [ARM_SCOPE] },
    agent,
    ...retries(config.azure.armMaxRetries),
  });
}

export function createLogsQueryClient(config: Config, credential: TokenCredential, agent: https.Agent): LogsQueryClient {
  return new LogsQueryClient(credential, {
    endpoint: config.azure.logsEndpoint,
    credentials: { scopes: [LOGS_SCOPE] },
    agent,
    ...retries(config.azure.logsMaxRetries),
  });
}

const retries = (maxRetries: number | undefined) => (maxRetries === undefined ? {} : { retryOptions: { maxRetries } });
