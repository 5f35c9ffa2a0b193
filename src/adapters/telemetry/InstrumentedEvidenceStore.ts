import type { EvidenceStore, GateEvidence } from '../../ports';
import type { GateRef } from '../../domain/gates/gateIdentity';
import { ATTR, fleetName } from './telemetryAttributes';
import type { ConductorTelemetry } from './ConductorTelemetry';

/**
 * Check verdicts from the evidence store: every stored measurement counts its evaluations by check and verdict.
 * Storing a measurement again (a replay after a crash) is not counted twice within a process; across a restart it
 * can be (the store is idempotent, the counter is not) — a rare over-count accepted for keeping the gate code untouched.
 */
export class InstrumentedEvidenceStore implements EvidenceStore {
  private readonly counted = new Set<string>();

  constructor(
    private readonly inner: EvidenceStore,
    private readonly telemetry: ConductorTelemetry,
  ) {}

  async putEvidence(evidence: GateEvidence): Promise<void> {
    await this.inner.putEvidence(evidence);
    const id = `${evidence.gate.fleetId.toLowerCase()}|${evidence.gate.gateId}|${evidence.measurement}`;
    if (this.counted.has(id)) return;
    this.counted.add(id);
    for (const e of evidence.evaluations) {
      this.telemetry.count(this.telemetry.checkVerdicts, {
        [ATTR.fleet]: fleetName(evidence.gate.fleetId),
        [ATTR.checkName]: e.checkName,
        [ATTR.checkType]: e.checkType,
        [ATTR.checkVerdict]: e.outcome,
        [ATTR.checkDryRun]: e.dryRun,
      });
    }
  }

  listEvidence(gate: GateRef): Promise<readonly GateEvidence[]> {
    return this.inner.listEvidence(gate);
  }
}
