import type { GateRef } from '../../../src/domain/gates/gateIdentity';
import type { EvidenceStore, GateEvidence } from '../../../src/ports';

export class InMemoryEvidenceStore implements EvidenceStore {
  private readonly items = new Map<string, GateEvidence>();

  putEvidence(evidence: GateEvidence): Promise<void> {
    const { fleetId, gateId } = evidence.gate;
    this.items.set(`${fleetId.toLowerCase()}|${gateId}|${evidence.measurement}`, JSON.parse(JSON.stringify(evidence)) as GateEvidence);
    return Promise.resolve();
  }

  listEvidence(gate: GateRef): Promise<readonly GateEvidence[]> {
    const prefix = `${gate.fleetId.toLowerCase()}|${gate.gateId}|`;
    return Promise.resolve(
      [...this.items.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v).sort((a, b) => a.measurement - b.measurement),
    );
  }
}
