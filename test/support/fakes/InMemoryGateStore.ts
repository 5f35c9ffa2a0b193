import type { GateState } from '../../../src/domain/gates/gateState';
import { ConcurrencyError, isOpenGate, type GateRecord, type GateStore, type StoredGate } from '../../../src/ports';

/** GateStore in memory with real ETag semantics (the twin of TableGateStore in the contract suite). */
export class InMemoryGateStore implements GateStore {
  private readonly gates = new Map<string, StoredGate>();
  private nextEtag = 1;

  private key(fleetId: string, gateId: string): string {
    return `${fleetId.toLowerCase()}|${gateId.toLowerCase()}`;
  }

  getGate(fleetId: string, gateId: string): Promise<StoredGate | undefined> {
    return Promise.resolve(this.gates.get(this.key(fleetId, gateId)));
  }

  createGate(record: GateRecord): Promise<StoredGate> {
    const { gate } = record.state;
    const key = this.key(gate.fleetId, gate.gateId);
    if (this.gates.has(key)) return Promise.reject(new ConcurrencyError(`Gate ${gate.gateId}: already exists`));
    return Promise.resolve(this.put(key, record));
  }

  replaceGate(record: GateRecord, etag: string): Promise<StoredGate> {
    const { gate } = record.state;
    const key = this.key(gate.fleetId, gate.gateId);
    const current = this.gates.get(key);
    if (!current || current.etag !== etag) return Promise.reject(new ConcurrencyError(`Gate ${gate.gateId}: changed by another writer`));
    return Promise.resolve(this.put(key, record));
  }

  listRunGates(fleetId: string, runName: string): Promise<readonly GateState[]> {
    const states = [...this.gates.values()]
      .map((g) => g.state)
      .filter((s) => s.gate.fleetId.toLowerCase() === fleetId.toLowerCase() && s.gate.runName.toLowerCase() === runName.toLowerCase())
      .sort((a, b) => a.gate.gateId.localeCompare(b.gate.gateId));
    return Promise.resolve(states);
  }

  listOpenGateIds(fleetId: string): Promise<readonly string[]> {
    const ids = [...this.gates.values()]
      .filter((g) => g.state.gate.fleetId.toLowerCase() === fleetId.toLowerCase() && isOpenGate(g))
      .map((g) => g.state.gate.gateId.toLowerCase())
      .sort();
    return Promise.resolve(ids);
  }

  private put(key: string, record: GateRecord): StoredGate {
    // Stored as a JSON copy, like the table: callers cannot mutate what is stored.
    const stored = { ...(JSON.parse(JSON.stringify(record)) as GateRecord), etag: `W/"${this.nextEtag++}"` };
    this.gates.set(key, stored);
    return stored;
  }
}
