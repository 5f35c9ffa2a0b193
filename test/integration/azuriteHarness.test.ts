import { describe, expect, inject, it } from 'vitest';
import { TableClient } from '@azure/data-tables';

describe('test harness', () => {
  it('provides a working Azurite table endpoint', async () => {
    const client = TableClient.fromConnectionString(inject('azuriteConnectionString'), 'harness', {
      allowInsecureConnection: true,
    });
    await client.createTable();
    await client.upsertEntity({ partitionKey: 'p', rowKey: 'r', n: 1 });
    const got = await client.getEntity<{ n: number }>('p', 'r');
    expect(got.n).toBe(1);
  });
});
