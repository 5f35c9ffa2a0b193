import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { releaseStoreContract } from './releaseStoreContract';
import { InMemoryReleaseStore } from '../support/fakes/InMemoryReleaseStore';
import { createTableClientFactory } from '../../src/adapters/tables/tableClientFactory';
import { TableReleaseStore } from '../../src/adapters/tables/TableReleaseStore';

releaseStoreContract('in-memory release store', () => Promise.resolve(new InMemoryReleaseStore()));

releaseStoreContract('Table Storage release store on Azurite', () => {
  // A table prefix per case: every case starts from empty tables.
  const prefix = `r${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const tables = createTableClientFactory({ kind: 'connectionString', connectionString: inject('azuriteConnectionString') }, prefix, () => {
    throw new Error('connection-string storage needs no token credential');
  });
  return Promise.resolve(new TableReleaseStore(tables));
});
