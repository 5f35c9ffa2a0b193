import type { RunHost } from './runHost';
import { iso } from './runHost';
import { compareImageVersions, compareVersions, minorDistance, parseNodeImage } from './versions';
import type { ClusterState, ErrorDetail, MemberRt, RunState } from './worldTypes';

export type MemberPlan =
  | { kind: 'skip'; message: string }
  | { kind: 'pending'; reason: 'version' | 'nodeImage' | 'window'; message: string; error?: ErrorDetail }
  | { kind: 'fail'; error: ErrorDetail }
  | { kind: 'start'; kubernetesVersion?: string; nodeImage?: string };

/** Next opening of a daily UTC maintenance window at or after `now` (now itself when the window is open). */
export function nextWindowOpening(cluster: ClusterState, now: number): number {
  const mw = cluster.maintenanceWindow;
  if (!mw) return now;
  const day = 86_400_000;
  const dayStart = Math.floor(now / day) * day;
  for (const base of [dayStart - day, dayStart, dayStart + day]) {
    const open = base + mw.startHourUtc * 3_600_000;
    const close = open + mw.durationHours * 3_600_000;
    if (now >= open && now < close) return now;
    if (open > now) return open;
  }
  return dayStart + day + mw.startHourUtc * 3_600_000;
}

function targetImage(host: RunHost, run: RunState, cluster: ClusterState): string | undefined {
  const selection = run.managedClusterUpdate.nodeImageSelection?.type ?? 'Latest';
  if (selection === 'Consistent') return run.consistentNodeImage;
  if (selection === 'Custom') {
    const custom = run.managedClusterUpdate.nodeImageSelection?.customNodeImageVersions?.[0]?.version;
    return custom ? parseNodeImage(custom).version : undefined;
  }
  return host.regionNodeImage(cluster.location);
}

/**
 * Decides what Fleet does when a member's turn comes (docs/azure-apis.md §5): Skipped when already at target,
 * Pending when the target is not in the region or the maintenance window is closed, Failed on AKS errors.
 */
export function planMember(host: RunHost, run: RunState, member: MemberRt, cluster: ClusterState): MemberPlan {
  const now = host.nowMs();
  const upgrade = run.managedClusterUpdate.upgrade;
  const target = upgrade.kubernetesVersion;
  const needK8s = upgrade.type !== 'NodeImageOnly' && target !== undefined && compareVersions(cluster.kubernetesVersion, target) < 0;
  const image = upgrade.type === 'ControlPlaneOnly' ? undefined : targetImage(host, run, cluster);
  const stalePools = image ? cluster.agentPools.filter((p) => compareImageVersions(parseNodeImage(p.nodeImageVersion).version, image) < 0) : [];
  if (!needK8s && stalePools.length === 0) {
    return {
      kind: 'skip',
      message: `Skipped upgrade of member "${member.name}": current kubernetes version "${cluster.kubernetesVersion}" and node image versions are already at or ahead of target upgrade version "${target ?? image ?? ''}".`,
    };
  }
  if (needK8s && target && !host.regionHasKubernetes(cluster.location, target)) {
    const detail = `target upgrade kubernetes version "${target}" is not available in region "${cluster.location}" \n`;
    return {
      kind: 'pending',
      reason: 'version',
      error: { code: 'KubernetesVersionNotAvailable', message: detail },
      message: `set member: ${member.name} to Pending due to failed validation err: ${detail}`,
    };
  }
  if (stalePools.length > 0 && image && host.regionNodeImage(cluster.location) !== undefined &&
      compareImageVersions(host.regionNodeImage(cluster.location) ?? '', image) < 0) {
    const pool = stalePools[0]?.name ?? 'pool';
    const detail = `target upgrade node image version "${parseNodeImage(stalePools[0]?.nodeImageVersion ?? '').family}-${image}" for agent pool ${pool} is not available in region "${cluster.location}" \n`;
    return {
      kind: 'pending',
      reason: 'nodeImage',
      error: { code: 'NodeImageVersionNotAvailable', message: detail },
      message: `set member: ${member.name} to Pending due to failed validation err: ${detail}`,
    };
  }
  // A closed planned-maintenance window holds the member Pending until it opens (docs/azure-apis.md §5; Microsoft
  // Learn, Fleet "Update orchestration across multiple member clusters"). No source gives Fleet's message for it: the
  // wording below is the emulator's, and no error is set (harsher: a reader cannot rely on a code, only on the
  // cluster's own maintenance configuration).
  const opening = nextWindowOpening(cluster, now);
  if (opening > now) {
    return {
      kind: 'pending',
      reason: 'window',
      message: `set member: ${member.name} to Pending because the maintenance window (aksManagedAutoUpgradeSchedule) is closed; the next window opens at ${iso(opening)}.`,
    };
  }
  if (cluster.upgrading) {
    return {
      kind: 'fail',
      error: {
        code: 'OperationNotAllowed',
        message: `Operation is not allowed: Another operation (Upgrading) is in progress, please wait for it to finish before starting a new operation. See https://aka.ms/aks-pending-operation for more details`,
      },
    };
  }
  if (needK8s && target && minorDistance(cluster.kubernetesVersion, target) > 1) {
    return {
      kind: 'fail',
      error: {
        code: 'OperationNotAllowed',
        message: `Upgrading Kubernetes version ${cluster.kubernetesVersion} to ${target} is not allowed. Available upgrades: the same minor or the next minor only.`,
      },
    };
  }
  return { kind: 'start', ...(needK8s ? { kubernetesVersion: target } : {}), ...(stalePools.length > 0 && image ? { nodeImage: image } : {}) };
}
