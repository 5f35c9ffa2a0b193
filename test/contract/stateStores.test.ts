import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { stateStoresContract } from './stateStoresContract';
import { InMemoryGateStore } from '../support/fakes/InMemoryGateStore';
import { InMemoryEvidenceStore } from '../support/fakes/InMemoryEvidenceStore';
import { InMemoryAuditLog } from '../support/fakes/InMemoryAuditLog';
import { InMemoryOutbox } from '../support/fakes/InMemoryOutbox';
import { createTableClientFactory } from '../../src/adapters/tables/tableClientFactory';
import { TableGateStore } from '../../src/adapters/tables/TableGateStore';
import { TableEvidenceStore } from '../../src/adapters/tables/TableEvidenceStore';
import { TableAuditLog } from '../../src/adapters/tables/TableAuditLog';
import { TableOutbox } from '../../src/adapters/tables/TableOutbox';

stateStoresContract('in-memory stores', () =>
  Promise.resolve({ gates: new InMemoryGateStore(), evidence: new InMemoryEvidenceStore(), audit: new InMemoryAuditLog(), outbox: new InMemoryOutbox() }),
);

stateStoresContract('Table Storage stores on Azurite', () => {
  const prefix = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const tables = createTableClientFactory({ kind: 'connectionString', connectionString: inject('azuriteConnectionString') }, prefix, () => {
    throw new Error('connection-string storage needs no token credential');
  });
  return Promise.resolve({
    gates: new TableGateStore(tables),
    evidence: new TableEvidenceStore(tables),
    audit: new TableAuditLog(tables),
    outbox: new TableOutbox(tables),
  });
});
