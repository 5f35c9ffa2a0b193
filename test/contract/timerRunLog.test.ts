import { inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { timerRunLogContract } from './timerRunLogContract';
import { InMemoryTimerRunLog } from '../support/fakes/InMemoryTimerRunLog';
import { TableTimerRunLog } from '../../src/adapters/tables/TableTimerRunLog';
import { createTableClientFactory } from '../../src/adapters/tables/tableClientFactory';

const noCredential = (): never => {
  throw new Error('connection-string storage needs no token credential');
};

timerRunLogContract('InMemoryTimerRunLog', () => Promise.resolve(new InMemoryTimerRunLog()));

timerRunLogContract('TableTimerRunLog on Azurite', () => {
  // A fresh table prefix per case: tests never see each other's rows.
  const prefix = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const storage = { kind: 'connectionString', connectionString: inject('azuriteConnectionString') } as const;
  return Promise.resolve(new TableTimerRunLog(createTableClientFactory(storage, prefix, noCredential)));
});
