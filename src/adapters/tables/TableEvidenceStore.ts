import type { GateRef } from '../../domain/gates/gateIdentity';
import type { EvidenceStore, GateEvidence } from '../../ports';
import { fromJsonColumns, toJsonColumns } from './jsonColumns';
import type { TableClientFactory } from './tableClientFactory';
import { tableKey } from './tableKey';

/**
 * Check evidence, table `<prefix>Evidence`. Partition: one gate; row: the measurement number, zero-padded so rows
 * list in measurement order. Each row holds every check's query text, window, capped rows and per-cluster verdicts.
 */
export class TableEvidenceStore implements EvidenceStore {
  constructor(private readonly tables: TableClientFactory) {}

  async putEvidence(evidence: GateEvidence): Promise<void> {
    const client = await this.tables('Evidence');
    await client.upsertEntity(
      {
        partitionKey: tableKey(evidence.gate.fleetId, evidence.gate.gateId),
        rowKey: `m${String(evidence.measurement).padStart(6, '0')}`,
        runName: evidence.gate.runName.toLowerCase(),
        at: evidence.at,
        ...toJsonColumns(evidence),
      },
      'Replace',
    );
  }

  async listEvidence(gate: GateRef): Promise<readonly GateEvidence[]> {
    const client = await this.tables('Evidence');
    const pk = tableKey(gate.fleetId, gate.gateId).replace(/'/g, "''");
    const out: GateEvidence[] = [];
    for await (const e of client.listEntities({ queryOptions: { filter: `PartitionKey eq '${pk}'` } })) out.push(fromJsonColumns<GateEvidence>(e));
    return out.sort((a, b) => a.measurement - b.measurement);
  }
}
