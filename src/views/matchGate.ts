import type { GateDetail } from '../app/history/runDetail';
import type { GateEntrySnapshot } from '../domain/history/runSnapshot';

/**
 * The Conductor gate record for a Fleet gate entry of the run status. The gate id is authoritative; an entry
 * seen before Fleet assigned one is matched by displayName on the same stage/group/timing, and by displayName
 * alone only when that is unambiguous (one policy can gate several stages).
 */
export function matchGate(
  gates: readonly GateDetail[],
  entry: GateEntrySnapshot,
  stage: string,
  group: string | undefined,
): GateDetail | undefined {
  if (entry.gateId !== undefined) {
    const byId = gates.find((gate) => gate.state.gate.gateId.toLowerCase() === entry.gateId?.toLowerCase());
    if (byId !== undefined) return byId;
  }
  const sameName = gates.filter((gate) => gate.state.gate.displayName === entry.displayName);
  const samePlace = sameName.find(
    (gate) => gate.state.gate.stage === stage && gate.state.gate.group === group && gate.state.gate.timing === entry.timing,
  );
  if (samePlace !== undefined) return samePlace;
  return sameName.length === 1 ? sameName[0] : undefined;
}
