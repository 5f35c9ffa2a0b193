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
  /** Hold and pause times of the records this process read or wrote, for the blocked-since attribute. */
  private readonly heldSince = new Map<string, string>();
  private readonly pausedSince = new Map<string, string>();

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
    const blockedSince =
      evaluation.outcome === 'blocked' && evaluation.runName !== undefined
        ? this.heldSince.get(runKey(evaluation.fleetId, evaluation.runName))
        : evaluation.outcome === 'paused'
          ? this.pausedSince.get(evaluation.fleetId.toLowerCase())
          : undefined;
    const pendingTarget = evaluation.target !== undefined && evaluation.outcome !== 'createRun' ? evaluation.target : undefined;
    this.telemetry.event(SPAN.releaseEvaluation, {
      ...attributes,
      [ATTR.fleetBlockedSince]: blockedSince,
      [ATTR.releaseFirstSeen]: pendingTarget ? this.firstSeen.firstSeen(pendingTarget.version) : undefined,
      [ATTR.releaseReasons]: evaluation.reasons.map((r) => r.code).join(','),
      [ATTR.targetKind]: evaluation.target?.kind,
      [ATTR.targetVersion]: evaluation.target?.version,
      [ATTR.run]: evaluation.runName,
    });
  }

  async claimRun(record: RunRecord): Promise<{ readonly claimed: boolean; readonly record: StoredRunRecord }> {
    const result = await this.inner.claimRun(record);
    this.noteHolds([result.record]);
    return result;
  }

  async updateRunRecord(record: RunRecord, etag: string): Promise<StoredRunRecord> {
    const stored = await this.inner.updateRunRecord(record, etag);
    this.noteHolds([stored]);
    return stored;
  }

  async listRunRecords(fleetId: string): Promise<readonly StoredRunRecord[]> {
    const records = await this.inner.listRunRecords(fleetId);
    this.noteHolds(records);
    return records;
  }

  async getRunRecord(fleetId: string, runName: string): Promise<RunRecord | undefined> {
    const record = await this.inner.getRunRecord(fleetId, runName);
    if (record) this.noteHolds([record]);
    return record;
  }

  getEvaluation(fleetId: string): Promise<FleetReleaseEvaluation | undefined> {
    return this.inner.getEvaluation(fleetId);
  }

  async getPause(fleetId: string): Promise<FleetPause | undefined> {
    const pause = await this.inner.getPause(fleetId);
    if (pause) this.pausedSince.set(fleetId.toLowerCase(), pause.at);
    else this.pausedSince.delete(fleetId.toLowerCase());
    return pause;
  }

  putPause(fleetId: string, pause: FleetPause | undefined): Promise<void> {
    return this.inner.putPause(fleetId, pause);
  }

  private noteHolds(records: readonly RunRecord[]): void {
    for (const r of records) {
      if (r.hold) this.heldSince.set(runKey(r.fleetId, r.runName), r.hold.since);
      else this.heldSince.delete(runKey(r.fleetId, r.runName));
    }
  }
}

function runKey(fleetId: string, runName: string): string {
  return `${fleetId.toLowerCase()}|${runName}`;
}
