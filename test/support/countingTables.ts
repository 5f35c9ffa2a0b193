import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { TableClient } from '@azure/data-tables';
import type { TableClientFactory } from '../../src/adapters/tables/tableClientFactory';

export interface CountingTables {
  /** A fresh factory, like a new process's (its own table clients, nothing remembered), sharing the count. */
  readonly process: () => TableClientFactory;
  /** Requests sent to the Table service (an entity-group transaction is one), as `METHOD <table without prefix>` or `POST $batch`. */
  readonly requests: string[];
  /** The operations inside those transactions, as `METHOD <table without prefix>` (from each batch body's sub-request lines). */
  readonly batchOperations: string[];
}

/**
 * Table clients on Azurite that log every request they send: the deterministic measure of what a query costs
 * (issue 14's "flat in history size" is asserted on these counts, never on timings).
 */
export function countingTables(connectionString: string, prefix: string): CountingTables {
  const requests: string[] = [];
  const batchOperations: string[] = [];
  const policy: PipelinePolicy = {
    name: 'countTableRequests',
    sendRequest: (request, next) => {
      const path = new URL(request.url).pathname.split('/')[2] ?? '';
      requests.push(`${request.method} ${decodeURIComponent(path).replace(/\(.*$/, '').replace(prefix, '')}`);
      if (path === '$batch' && typeof request.body === 'string') {
        for (const [, method, url] of request.body.matchAll(/^(POST|PUT|PATCH|MERGE|DELETE) (\S+) HTTP\/1\.1/gm)) {
          batchOperations.push(`${method} ${decodeURIComponent(new URL(url as string).pathname.split('/')[2] ?? '').replace(/\(.*$/, '').replace(prefix, '')}`);
        }
      }
      return next(request);
    },
  };
  const process = (): TableClientFactory => {
    const ready = new Map<string, Promise<TableClient>>();
    return (name) => {
      const table = `${prefix}${name}`;
      let client = ready.get(table);
      if (!client) {
        const c = TableClient.fromConnectionString(connectionString, table, { allowInsecureConnection: true, additionalPolicies: [{ policy, position: 'perCall' }] });
        client = c.createTable().then(() => c);
        ready.set(table, client);
      }
      return client;
    };
  };
  return { process, requests, batchOperations };
}
