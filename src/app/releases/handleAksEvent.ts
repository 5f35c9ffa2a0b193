import { parseAksEvent } from '../../domain/events/parseAksEvent';
import { alertUnsupportedApiVersion } from '../alerts/alertUnsupportedApiVersion';
import type { ReleaseDeps } from './releaseDeps';
import type { ReleaseOutcome } from './releaseEvaluation';

export type AksEventOutcome =
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'notAMember'; readonly clusterId: string }
  | { readonly kind: 'evaluated'; readonly fleets: readonly { readonly fleet: string; readonly outcome: ReleaseOutcome }[] }
  | { readonly kind: 'supportRecorded'; readonly fleets: readonly string[] };

/**
 * An AKS event is a hint about one cluster: map it to its fleet(s) and re-evaluate them (coalesced, so a burst of
 * per-cluster events costs one evaluation per fleet per coalescing window, see FleetEvaluationQueue). Support-ending events are recorded in the fleet's trail and
 * notified; they change no run.
 */
export async function handleAksEvent(deps: ReleaseDeps, event: unknown): Promise<AksEventOutcome> {
  const parsed = parseAksEvent(event);
  if (parsed.kind === 'ignored') {
    deps.log.info(`Ignored event: ${parsed.reason}`);
    return parsed;
  }
  const fleets = await deps.index.fleetsOf(parsed.clusterId);
  if (fleets.length === 0) return { kind: 'notAMember', clusterId: parsed.clusterId };
  if (parsed.kind === 'newKubernetesVersion') {
    try {
      const outcomes = await Promise.all(fleets.map(async (f) => ({ fleet: f.name, outcome: await deps.queue.request(f.name, { kind: 'event', eventIds: [parsed.eventId] }, deps.log) })));
      return { kind: 'evaluated', fleets: outcomes };
    } catch (error) {
      // The event is redelivered (it failed), but a refused api-version fails every delivery: say so, as the poll does.
      await alertUnsupportedApiVersion(deps, error).catch(() => false);
      throw error;
    }
  }
  const what = parsed.kind === 'supportEnded' ? 'has reached the end of AKS support' : 'is nearing the end of AKS support';
  const message = `Cluster ${parsed.clusterId.split('/').pop() ?? parsed.clusterId} runs Kubernetes ${parsed.kubernetesVersion}, which ${what}`;
  for (const fleet of fleets) {
    const id = `support/${parsed.kind}/${parsed.clusterId.toLowerCase()}/${parsed.kubernetesVersion}`;
    await deps.audit.appendAuditEvents([
      { id, at: parsed.at || deps.clock.nowIso(), fleetId: fleet.fleetId, runName: '_fleet', kind: parsed.kind === 'supportEnded' ? 'ClusterSupportEnded' : 'ClusterSupportEnding', actor: 'aks', message, data: { clusterId: parsed.clusterId, kubernetesVersion: parsed.kubernetesVersion } },
    ]);
    await deps.outbox.enqueue([{ id: `${fleet.name}/${id}`, createdAt: deps.clock.nowIso(), channel: 'notifications', payload: { severity: parsed.kind === 'supportEnded' ? 'error' : 'warning', reason: parsed.kind, message } }]);
  }
  return { kind: 'supportRecorded', fleets: fleets.map((f) => f.name) };
}
