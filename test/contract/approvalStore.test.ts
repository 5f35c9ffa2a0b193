import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { approvalStoreContract } from './approvalStoreContract';
import { InMemoryApprovalStore } from '../support/fakes/InMemoryApprovalStore';
import { TableApprovalStore } from '../../src/adapters/tables/TableApprovalStore';
import { createTableClientFactory } from '../../src/adapters/tables/tableClientFactory';

const noCredential = (): never => {
  throw new Error('connection-string storage needs no token credential');
};

approvalStoreContract('InMemoryApprovalStore', () => Promise.resolve(new InMemoryApprovalStore()));

approvalStoreContract('TableApprovalStore on Azurite', () => {
  // A fresh table prefix per case: tests never see each other's rows.
  const prefix = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const storage = { kind: 'connectionString', connectionString: inject('azuriteConnectionString') } as const;
  return Promise.resolve(new TableApprovalStore(createTableClientFactory(storage, prefix, noCredential)));
});
