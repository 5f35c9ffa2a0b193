import { TableClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';
import type https from 'node:https';
import type { StorageConfig } from '../../config';

export type TableClientFactory = (tableName: string) => Promise<TableClient>;

/**
 * Creates table clients for Conductor's tables, creating each table once per process on first use.
 * Connection strings serve Azurite locally (http, so insecure connections are allowed only for them);
 * in Azure the managed identity reaches the table service URI. Over https every table client uses `httpsAgent`
 * (the process's keep-alive pool, at most a few connections per host: src/adapters/azureClients.ts), so a burst of
 * gate events does not open a TLS connection per Table request in flight, as the SDK's own unbounded pool would.
 */
export function createTableClientFactory(storage: StorageConfig, tablePrefix: string, credential: () => TokenCredential, httpsAgent?: () => https.Agent): TableClientFactory {
  const ready = new Map<string, Promise<TableClient>>();
  const pooled = (secure: boolean): { agent?: https.Agent } => (secure && httpsAgent ? { agent: httpsAgent() } : {});
  const make = (table: string): TableClient => {
    if (storage.kind === 'identity') return new TableClient(storage.tableServiceUri, table, credential(), pooled(/^https:/i.test(storage.tableServiceUri)));
    const insecure = /DefaultEndpointsProtocol=http;|TableEndpoint=http:|UseDevelopmentStorage=true/i.test(storage.connectionString);
    return TableClient.fromConnectionString(storage.connectionString, table, { allowInsecureConnection: insecure, ...pooled(!insecure) });
  };
  return (name) => {
    const table = `${tablePrefix}${name}`;
    let client = ready.get(table);
    if (!client) {
      const c = make(table);
      client = c.createTable().then(() => c);
      // A failed creation must not poison the cache: the next call tries again.
      client.catch(() => ready.delete(table));
      ready.set(table, client);
    }
    return client;
  };
}
