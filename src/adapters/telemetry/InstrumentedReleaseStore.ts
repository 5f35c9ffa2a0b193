import type { FleetPause, FleetReleaseEvaluation, ReleaseStore, RunRecord, StoredRunRecord } from '../../ports';
import type { FirstSeen } from '../../domain/versions/fleetFacts';
import { ATTR, fleetName } from './telemetryAttributes';
import { SPAN, type ConductorTelemetry } from './ConductorTelemetry';
import type { FirstSeenIndex } from './FirstSeenIndex';

/**
 * Release telemetry from the release store: every stored evaluation (the decision and its reasons, recorded once per
 * evaluation) becomes a `conductor.release.evaluate` span and a count by outcome and first reason code — "releases
 * pending and why" in the workbook. First-seen times feed the release-to-completion metric.
 */
export class InstrumentedReleaseStore implements ReleaseStore {
  constructor(
    private readonly inner: ReleaseStore,
    private readonly telemetry: ConductorTelemetry,
    private readonly firstSeen: FirstSeenIndex,
  ) {}

  async recordFirstSeen(entries: readonly FirstSeen[]): Promise<void> {
    await this.inner.recordFirstSeen(entries);
    this.firstSeen.note(entries);
  }

  async listFirstSeen(regions: readonly string[]): Promise<readonly FirstSeen[]> {
    const entries = await this.inner.listFirstSeen(regions);
    this.firstSeen.note(entries);
    return entries;
  }

  async putEvaluation(evaluation: FleetReleaseEvaluation): Promise<void> {
    await this.inner.putEvaluation(evaluation);
    const attributes = {
      [ATTR.fleet]: fleetName(evaluation.fleetId),
      [ATTR.releaseOutcome]: evaluation.outcome,
      [ATTR.releaseReason]: evaluation.reasons[0]?.code ?? 'none',
    };
    this.telemetry.count(this.telemetry.releaseEvaluations, attributes);
    this.telemetry.event(SPAN.releaseEvaluation, {
      ...attributes,
      [ATTR.releaseReasons]: evaluation.reasons.map((r) => r.code).join(','),
      [ATTR.targetKind]: evaluation.target?.kind,
      [ATTR.targetVersion]: evaluation.target?.version,
      [ATTR.run]: evaluation.runName,
    });
  }

  claimRun(record: RunRecord): Promise<{ readonly claimed: boolean; readonly record: StoredRunRecord }> {
    return this.inner.claimRun(record);
  }

  updateRunRecord(record: RunRecord, etag: string): Promise<StoredRunRecord> {
    return this.inner.updateRunRecord(record, etag);
  }

  listRunRecords(fleetId: string): Promise<readonly StoredRunRecord[]> {
    return this.inner.listRunRecords(fleetId);
  }

  getEvaluation(fleetId: string): Promise<FleetReleaseEvaluation | undefined> {
    return this.inner.getEvaluation(fleetId);
  }

  getPause(fleetId: string): Promise<FleetPause | undefined> {
    return this.inner.getPause(fleetId);
  }

  putPause(fleetId: string, pause: FleetPause | undefined): Promise<void> {
    return this.inner.putPause(fleetId, pause);
  }
}
