/**
 * Reads an AKS system event (Event Grid or CloudEvents schema; one event per cluster). Like gate events these are
 * hints: a NewKubernetesVersionAvailable only says "re-evaluate the fleet this cluster belongs to".
 */
export type AksEvent =
  | { readonly kind: 'newKubernetesVersion'; readonly clusterId: string; readonly eventId: string }
  | { readonly kind: 'supportEnding' | 'supportEnded'; readonly clusterId: string; readonly kubernetesVersion: string; readonly eventId: string; readonly at: string }
  | { readonly kind: 'ignored'; readonly reason: string };

const CLUSTER_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+$/i;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function parseAksEvent(event: unknown): AksEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return { kind: 'ignored', reason: 'the event is not a JSON object' };
  const e = event as Record<string, unknown>;
  const type = (str(e.eventType) ?? str(e.type) ?? '').toLowerCase();
  const clusterId = str(e.topic) ?? str(e.source);
  const eventId = str(e.id) ?? '';
  const known = ['newkubernetesversionavailable', 'clustersupportending', 'clustersupportended'].map((t) => `microsoft.containerservice.${t}`);
  if (!known.includes(type)) return { kind: 'ignored', reason: `event type ${type || '(none)'} is not one Conductor acts on` };
  if (!clusterId || !CLUSTER_ID.test(clusterId)) return { kind: 'ignored', reason: `no managed cluster id in the event (${clusterId ?? 'none'})` };
  if (type.endsWith('newkubernetesversionavailable')) return { kind: 'newKubernetesVersion', clusterId, eventId };
  const data = typeof e.data === 'object' && e.data !== null ? (e.data as Record<string, unknown>) : {};
  const kubernetesVersion = str(data.kubernetesVersion);
  if (!kubernetesVersion) return { kind: 'ignored', reason: 'a support event without data.kubernetesVersion' };
  const at = str(e.eventTime) ?? str(e.time) ?? '';
  return { kind: type.endsWith('ending') ? 'supportEnding' : 'supportEnded', clusterId, kubernetesVersion, eventId, at };
}
