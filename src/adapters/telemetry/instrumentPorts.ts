import type { EvidenceStore, GateStore, ReleaseStore, RunHistoryStore } from '../../ports';
import type { RunSnapshot } from '../../domain/history/runSnapshot';
import type { ConductorTelemetry } from './ConductorTelemetry';
import { FirstSeenIndex } from './FirstSeenIndex';
import { InstrumentedEvidenceStore } from './InstrumentedEvidenceStore';
import { InstrumentedGateStore } from './InstrumentedGateStore';
import { InstrumentedReleaseStore } from './InstrumentedReleaseStore';
import { InstrumentedRunHistory } from './InstrumentedRunHistory';

export interface InstrumentedStores {
  readonly gates: GateStore;
  readonly evidence: EvidenceStore;
  readonly releases: ReleaseStore;
  readonly history: RunHistoryStore;
}

/**
 * The stores with Conductor's metrics (the outbox: InstrumentedOutbox) and decision spans around them (docs/design.md §9). Use cases stay unaware:
 * what they decide is measured where it is recorded. One set per process: the release store and run history share
 * what was learned about first-seen times.
 */
export function instrumentStores(
  stores: InstrumentedStores,
  telemetry: ConductorTelemetry,
  options: { readonly firstSeenOfRun?: (run: RunSnapshot) => Promise<string | undefined> } = {},
): InstrumentedStores {
  const firstSeen = new FirstSeenIndex();
  return {
    gates: new InstrumentedGateStore(stores.gates, telemetry),
    evidence: new InstrumentedEvidenceStore(stores.evidence, telemetry),
    releases: new InstrumentedReleaseStore(stores.releases, telemetry, firstSeen),
    history: new InstrumentedRunHistory(stores.history, telemetry, firstSeen, options.firstSeenOfRun),
  };
}
