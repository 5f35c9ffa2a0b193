import type { GateEntrySnapshot, RunSnapshot, StageSnapshot, StatusTimes } from '../../domain/history/runSnapshot';
import { toRunTarget } from './toRunTarget';
import type { UpdateRun, UpdateRunGateStatus, UpdateStatus } from './fleetWire20260601';

function times(s: UpdateStatus | null | undefined): StatusTimes {
  return { state: s?.state ?? 'NotStarted', ...(s?.startTime ? { startTime: s.startTime } : {}), ...(s?.completedTime ? { completedTime: s.completedTime } : {}) };
}

function gates(before: readonly UpdateRunGateStatus[] | null | undefined, after: readonly UpdateRunGateStatus[] | null | undefined): GateEntrySnapshot[] {
  const one = (g: UpdateRunGateStatus, timing: 'Before' | 'After'): GateEntrySnapshot => ({
    displayName: g.displayName ?? '',
    timing,
    ...times(g.status),
    ...(g.gateId ? { gateId: (g.gateId.split('/').pop() ?? g.gateId).toLowerCase() } : {}),
  });
  return [...(before ?? []).map((g) => one(g, 'Before')), ...(after ?? []).map((g) => one(g, 'After'))];
}

/**
 * An update run (gate-aware api-version) as a history snapshot: the whole status tree with times, gate entries,
 * member messages and errors, the target, and who created it (an auto-upgrade profile, or Fleet's systemData).
 */
export function toRunSnapshot(json: unknown, fleet: { readonly fleetId: string; readonly fleetName: string }, observedAt: string): RunSnapshot {
  const r = json as UpdateRun;
  const status = r.properties?.status;
  const profile = r.properties?.autoUpgradeProfileId?.split('/').pop();
  const stages: StageSnapshot[] = (status?.stages ?? []).map((s) => ({
    name: s.name,
    ...times(s.status),
    gates: gates(s.beforeGates, s.afterGates),
    ...(s.afterStageWaitStatus ? { afterStageWait: { ...times(s.afterStageWaitStatus.status), ...(s.afterStageWaitStatus.waitDurationInSeconds != null ? { waitDurationInSeconds: s.afterStageWaitStatus.waitDurationInSeconds } : {}) } } : {}),
    groups: (s.groups ?? []).map((g) => ({
      name: g.name,
      ...times(g.status),
      gates: gates(g.beforeGates, g.afterGates),
      members: (g.members ?? []).map((m) => ({
        name: m.name,
        ...times(m.status),
        ...(m.clusterResourceId ? { clusterResourceId: m.clusterResourceId } : {}),
        ...(m.message ? { message: m.message } : {}),
        ...(m.status?.error ? { error: { ...(m.status.error.code ? { code: m.status.error.code } : {}), ...(m.status.error.message ? { message: m.status.error.message } : {}) } } : {}),
      })),
    })),
  }));
  const target = toRunTarget(json);
  return {
    fleetName: fleet.fleetName,
    fleetId: fleet.fleetId,
    runName: r.name ?? '',
    ...times(status?.status),
    createdAt: r.systemData?.createdAt ?? status?.status?.startTime ?? observedAt,
    observedAt,
    ...(target ? { target } : {}),
    createdBy: profile ? `auto-upgrade-profile:${profile}` : (r.systemData?.createdBy ?? 'unknown'),
    stages,
  };
}
