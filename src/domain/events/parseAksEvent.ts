/**
 * Reads an AKS system event (Event Grid or CloudEvents schema; one event per cluster). Like gate events these are
 * hints: a NewKubernetesVersionAvailable only says "re-evaluate the fleet this cluster belongs to".
 */
export type AksEvent =
  | { readonly kind: 'newKubernetesVersion'; readonly clusterId: string; readonly eventId: string }
  | { readonly kind: 'supportEnding' | 'supportEnded'; readonly clusterId: string; readonly kubernetesVersion: string; readonly eventId: string; readonly at: string }
  | { readonly kind: 'ignored'; readonly reason: string };

import { parseKubernetesMinor } from '../versions/kubernetesVersion';
import { readEnvelope } from './eventEnvelope';

/**
 * A managed cluster's ARM id with every segment to its ARM pattern: subscription GUID, resource group (1-90 of
 * letters, digits, `_ - . ( )`, not ending in `.`), cluster name (AKS: 1-63 of letters, digits, `_ -`, starting and
 * ending alphanumeric). `..` and control characters cannot match.
 */
const CLUSTER_ID =
  /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resourceGroups\/(?!\.+\/)[-\w.()]{0,89}[-\w()]\/providers\/Microsoft\.ContainerService\/managedClusters\/[a-z0-9](?:[-\w]{0,61}[a-z0-9])?$/i;

export function parseAksEvent(event: unknown): AksEvent {
  const e = readEnvelope(event);
  if (e === undefined) return { kind: 'ignored', reason: 'the event is not a JSON object' };
  const type = (e.eventType ?? e.type ?? '').toLowerCase();
  const clusterId = e.topic ?? e.source;
  const eventId = e.id ?? '';
  const known = ['newkubernetesversionavailable', 'clustersupportending', 'clustersupportended'].map((t) => `microsoft.containerservice.${t}`);
  if (!known.includes(type)) return { kind: 'ignored', reason: `event type ${type || '(none)'} is not one Conductor acts on` };
  if (!clusterId || !CLUSTER_ID.test(clusterId)) return { kind: 'ignored', reason: `no valid managed cluster id in the event (${clusterId === undefined ? 'none' : JSON.stringify(clusterId.slice(0, 300))})` };
  if (type.endsWith('newkubernetesversionavailable')) return { kind: 'newKubernetesVersion', clusterId, eventId };
  const kubernetesVersion = e.data?.kubernetesVersion;
  if (!kubernetesVersion) return { kind: 'ignored', reason: 'a support event without data.kubernetesVersion' };
  // A version is a version (1.33 or 1.33.4): anything else (markup, control characters, 40 KB) is never stored or sent.
  if (kubernetesVersion.length > 32 || parseKubernetesMinor(kubernetesVersion) === undefined || kubernetesVersion.trim() !== kubernetesVersion) {
    return { kind: 'ignored', reason: `a support event whose data.kubernetesVersion is not a Kubernetes version (${JSON.stringify(kubernetesVersion.slice(0, 40))})` };
  }
  const at = e.eventTime ?? e.time ?? '';
  if (at !== '' && (at.length > 40 || Number.isNaN(Date.parse(at)))) return { kind: 'ignored', reason: 'a support event whose eventTime is not a date-time' };
  return { kind: type.endsWith('ending') ? 'supportEnding' : 'supportEnded', clusterId, kubernetesVersion, eventId, at };
}
