import type { FleetConfig } from '../../domain/config/conductorConfig';
import type { FleetReleaseEvaluation } from '../../ports';
import { readFleetMembers } from '../releases/gatherFleetFacts';
import type { FleetSummary, FleetView } from './fleetView';
import { fleetBlocked } from './fleetBlocked';
import type { HistoryDeps } from '../history/historyDeps';

function withoutFleetId({ fleetId: _fleetId, ...rest }: FleetReleaseEvaluation): Omit<FleetReleaseEvaluation, 'fleetId'> {
  return rest;
}

export function toFleetSummary(f: FleetConfig): FleetSummary {
  return {
    name: f.name,
    fleetId: f.fleetId,
    strategy: f.strategy.name,
    ...(f.release ? { releaseMode: f.release.mode, channel: f.release.policy.channel } : {}),
  };
}

/** `GET /api/fleets/{fleet}`: live members and versions, the last release evaluation (why not yet), fleet alerts. */
export async function getFleetView(
  deps: Pick<HistoryDeps, 'config' | 'source' | 'releases' | 'audit' | 'preflights'>,
  fleetName: string,
): Promise<FleetView | undefined> {
  const fleet = deps.config.fleets.find((f) => f.name === fleetName.toLowerCase());
  if (!fleet) return undefined;
  const [{ members, unknownMembers }, evaluation, alerts, records, paused, preflight] = await Promise.all([
    readFleetMembers(deps, fleet),
    deps.releases.getEvaluation(fleet.fleetId),
    deps.audit.listAuditEvents(fleet.fleetId, '_fleet'),
    deps.releases.listRunRecords(fleet.fleetId),
    deps.releases.getPause(fleet.fleetId),
    deps.preflights?.getPreflight(fleet.fleetId),
  ]);
  const blocked = fleetBlocked(records);
  const versions: Record<string, number> = {};
  for (const m of members) versions[m.kubernetesVersion] = (versions[m.kubernetesVersion] ?? 0) + 1;
  return {
    ...toFleetSummary(fleet),
    members: members.map((m) => ({
      name: m.name,
      ...(m.group ? { group: m.group } : {}),
      clusterResourceId: m.clusterResourceId,
      region: m.region,
      kubernetesVersion: m.kubernetesVersion,
      nodeImageVersions: m.nodeImageVersions,
      ...(m.autoUpgradeChannel && m.autoUpgradeChannel.toLowerCase() !== 'none' ? { autoUpgradeChannel: m.autoUpgradeChannel } : {}),
    })),
    versions,
    drift: Object.keys(versions).length > 1,
    ...(evaluation ? { release: withoutFleetId(evaluation) } : {}),
    alerts,
    unknownMembers,
    ...(blocked ? { blocked } : {}),
    ...(paused ? { paused } : {}),
    ...(preflight ? { preflight } : {}),
  };
}
