import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { runHistoryContract } from './runHistoryContract';
import { InMemoryRunHistory } from '../support/fakes/InMemoryRunHistory';
import { TableRunHistory } from '../../src/adapters/tables/TableRunHistory';
import { createTableClientFactory } from '../../src/adapters/tables/tableClientFactory';

runHistoryContract('InMemoryRunHistory', () => Promise.resolve(new InMemoryRunHistory()));

runHistoryContract('TableRunHistory on Azurite', () => {
  const prefix = `h${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const tables = createTableClientFactory({ kind: 'connectionString', connectionString: inject('azuriteConnectionString') }, prefix, () => {
    throw new Error('no token credential for Azurite');
  });
  return Promise.resolve(new TableRunHistory(tables));
});
