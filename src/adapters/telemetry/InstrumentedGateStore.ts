import type { GateRecord, GateStore, StoredGate } from '../../ports';
import type { GateState } from '../../domain/gates/gateState';
import { ATTR, fleetName } from './telemetryAttributes';
import { SPAN, type ConductorTelemetry } from './ConductorTelemetry';

const SETTLED = new Set(['Passed', 'Failed', 'Rejected', 'Expired', 'Inconclusive', 'Bypassed', 'Cancelled']);

const seconds = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 1000;

/**
 * Gate telemetry from the gate store, so the gate machine itself stays free of it: a write that won its ETag race
 * is a decision, and the transitions it appended to the gate's history are what is measured (phase durations, approval
 * wait, settled outcomes, one `conductor.gate.decide` span each). Writes are guarded, so a transition is counted once
 * however many reconcilers raced. Which transitions are new is known from the history length this process last read
 * or wrote; a write of a gate this process never read (not how reconcileGate works) is stored but not measured.
 */
export class InstrumentedGateStore implements GateStore {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly inner: GateStore,
    private readonly telemetry: ConductorTelemetry,
  ) {}

  async getGate(fleetId: string, gateId: string): Promise<StoredGate | undefined> {
    const stored = await this.inner.getGate(fleetId, gateId);
    if (stored) this.seen.set(key(stored.state), stored.state.history.length);
    return stored;
  }

  async createGate(record: GateRecord): Promise<StoredGate> {
    const stored = await this.inner.createGate(record);
    this.measure(record.state, 0);
    return stored;
  }

  async replaceGate(record: GateRecord, etag: string): Promise<StoredGate> {
    const before = this.seen.get(key(record.state));
    const stored = await this.inner.replaceGate(record, etag);
    if (before !== undefined) this.measure(record.state, before);
    else this.seen.set(key(record.state), record.state.history.length);
    return stored;
  }

  listRunGates(fleetId: string, runName: string): Promise<readonly GateState[]> {
    return this.inner.listRunGates(fleetId, runName);
  }

  listOpenGateIds(fleetId: string): Promise<readonly string[]> {
    return this.inner.listOpenGateIds(fleetId);
  }

  private measure(state: GateState, alreadyMeasured: number): void {
    this.seen.set(key(state), state.history.length);
    const t = this.telemetry;
    const base = { [ATTR.fleet]: fleetName(state.gate.fleetId), [ATTR.gatePolicy]: state.gate.policyId };
    state.history.forEach((entry, i) => {
      if (i < alreadyMeasured) return;
      const enteredAt = i === 0 ? state.observedAt : (state.history[i - 1]?.at ?? state.observedAt);
      const phases = { ...base, [ATTR.gatePhase]: entry.from, [ATTR.gateNextPhase]: entry.to };
      t.record(t.gatePhaseDuration, seconds(enteredAt, entry.at), phases);
      if (entry.from === 'AwaitingApproval') t.record(t.approvalWait, seconds(enteredAt, entry.at), { ...base, [ATTR.approvalOutcome]: entry.to });
      if (SETTLED.has(entry.to)) t.count(t.gatesDecided, { ...base, [ATTR.gateOutcome]: entry.to });
      t.event(SPAN.gateDecision, { ...phases, [ATTR.run]: state.gate.runName, [ATTR.gate]: state.gate.gateId }, entry.to === 'Failed');
    });
  }
}

function key(state: GateState): string {
  return `${state.gate.fleetId.toLowerCase()}|${state.gate.gateId}`;
}
