import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import type { TokenCredential } from '@azure/core-auth';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import type { Config } from '../config';

const ARM_SCOPE = 'https://management.azure.com/.default';
const LOGS_SCOPE = 'https://api.loganalytics.io/.default';

/**
 * SDK clients for ARM and Log Analytics. Only endpoints and an extra CA differ between Azure and the local emulator:
 * the bearer-token policy stays, and token scopes are pinned because the Fleet client would otherwise derive its
 * scope from the endpoint (docs/azure-apis.md §1.2).
 */
export function createFleetClient(config: Config, credential: TokenCredential, subscriptionId: string, caPem: string | undefined): ContainerServiceFleetClient {
  return new ContainerServiceFleetClient(credential, subscriptionId, {
    endpoint: config.azure.armEndpoint,
    credentials: { scopes: [ARM_SCOPE] },
    ...(caPem ? { tlsOptions: { ca: caPem } } : {}),
    ...retries(config.azure.armMaxRetries),
  });
}

/** AKS (`managedClusters`, `kubernetesVersions`; its pipeline also carries the preview-only `nodeImageVersions` calls). */
export function createContainerServiceClient(config: Config, credential: TokenCredential, subscriptionId: string, caPem: string | undefined): ContainerServiceClient {
  return new ContainerServiceClient(credential, subscriptionId, {
    endpoint: config.azure.armEndpoint,
    credentials: { scopes: [ARM_SCOPE] },
    ...(caPem ? { tlsOptions: { ca: caPem } } : {}),
    ...retries(config.azure.armMaxRetries),
  });
}

export function createLogsQueryClient(config: Config, credential: TokenCredential, caPem: string | undefined): LogsQueryClient {
  return new LogsQueryClient(credential, {
    endpoint: config.azure.logsEndpoint,
    credentials: { scopes: [LOGS_SCOPE] },
    ...(caPem ? { tlsOptions: { ca: caPem } } : {}),
    ...retries(config.azure.logsMaxRetries),
  });
}

const retries = (maxRetries: number | undefined) => (maxRetries === undefined ? {} : { retryOptions: { maxRetries } });
