import type { GateState } from '../../domain/gates/gateState';
import { ConcurrencyError, type GateStore, type StoredGate } from '../../ports';

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

  createGate(state: GateState): Promise<StoredGate> {
    const key = this.key(state.gate.fleetId, state.gate.gateId);
    if (this.gates.has(key)) return Promise.reject(new ConcurrencyError(`Gate ${state.gate.gateId}: already exists`));
    return Promise.resolve(this.put(key, state));
  }

  replaceGate(state: GateState, etag: string): Promise<StoredGate> {
    const key = this.key(state.gate.fleetId, state.gate.gateId);
    const current = this.gates.get(key);
    if (!current || current.etag !== etag) return Promise.reject(new ConcurrencyError(`Gate ${state.gate.gateId}: changed by another writer`));
    return Promise.resolve(this.put(key, state));
  }

  listRunGates(fleetId: string, runName: string): Promise<readonly GateState[]> {
    const states = [...this.gates.values()]
      .map((g) => g.state)
      .filter((s) => s.gate.fleetId.toLowerCase() === fleetId.toLowerCase() && s.gate.runName.toLowerCase() === runName.toLowerCase())
      .sort((a, b) => a.gate.gateId.localeCompare(b.gate.gateId));
    return Promise.resolve(states);
  }

  private put(key: string, state: GateState): StoredGate {
    // Stored as a JSON copy, like the table: callers cannot mutate what is stored.
    const stored = { state: JSON.parse(JSON.stringify(state)) as GateState, etag: `W/"${this.nextEtag++}"` };
    this.gates.set(key, stored);
    return stored;
  }
}
