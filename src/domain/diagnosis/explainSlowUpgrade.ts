import type { SlowUpgradeExplanation } from './runDiagnosis';
import type { WarningEventFact } from './runFacts';

/**
 * A blocked eviction, whatever reason the event carries. The eviction API refuses with "Cannot evict pod as it would
 * violate the pod's disruption budget" (HTTP 429) and AKS's drain failure quotes it with "blocked by pdb <name>"
 * (Microsoft Learn, "Troubleshoot UpgradeFailed errors due to eviction failures caused by PDBs"). No source settles
 * the reason of the Warning event written while a drain is blocked, so the message decides, not the reason.
 */
const PDB_MESSAGE = /disruption budget|blocked by pdb|poddisruptionbudget/i;

/** Sorts a slow member's Warning events: PDB-blocked evictions first, then the most recent. */
export function explainSlowUpgrade(events: readonly WarningEventFact[]): SlowUpgradeExplanation {
  const pdb = events.filter((e) => PDB_MESSAGE.test(e.message) || PDB_MESSAGE.test(e.reason));
  const others = events.filter((e) => !pdb.includes(e)).sort((a, b) => Date.parse(b.lastSeen) - Date.parse(a.lastSeen));
  if (pdb.length > 0) return { explainedBy: 'PodDisruptionBudget', events: [...pdb, ...others] };
  if (others.length > 0) return { explainedBy: 'WarningEvents', events: others };
  return { explainedBy: 'None', events: [] };
}
