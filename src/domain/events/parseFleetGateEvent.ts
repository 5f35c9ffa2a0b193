import { readEnvelope } from './eventEnvelope';

/**
 * Reads a Fleet gate event (Event Grid or CloudEvents schema) for the one thing Conductor takes from it: which gate
 * to look at. Decisions never use the payload (docs/design.md §3). The event type is matched case-insensitively because
 * published samples spell it `AksResources` while the docs say `AKSResources`.
 */
export type FleetGateEvent =
  | { readonly kind: 'gate'; readonly change: 'Created' | 'Updated' | 'Deleted'; readonly fleetId: string; readonly gateId: string; readonly eventId: string }
  | { readonly kind: 'ignored'; readonly reason: string };

const TYPE = /^microsoft\.resourcenotifications\.aksresources\.fleetgate(created|updated|deleted)$/i;
/**
 * A gate's ARM id, every segment to its ARM pattern before anything reaches an ARM URL: subscription GUID, resource
 * group name (1-90 of letters, digits, `_ - . ( )`, not ending in `.`; "Resource naming rules"), fleet name (Fleet's
 * `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`, 1-63), gate name a GUID (Fleet names gates by GUID). `..` cannot match.
 */
const GATE_ID =
  /^(\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resourceGroups\/(?!\.+\/)[-\w.()]{0,89}[-\w()]\/providers\/Microsoft\.ContainerService\/fleets\/[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)\/gates\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const CHANGES = { created: 'Created', updated: 'Updated', deleted: 'Deleted' } as const;


export function parseFleetGateEvent(event: unknown): FleetGateEvent {
  const e = readEnvelope(event);
  if (e === undefined) return { kind: 'ignored', reason: 'the event is not a JSON object' };
  const type = e.eventType ?? e.type;
  if (!type) return { kind: 'ignored', reason: 'the event has no eventType/type' };
  const match = TYPE.exec(type);
  if (!match) return { kind: 'ignored', reason: `event type ${type} is not a Fleet gate event` };
  const resourceId = e.data?.resourceInfo?.id ?? e.subject;
  const ids = resourceId === undefined ? null : GATE_ID.exec(resourceId);
  if (!ids) return { kind: 'ignored', reason: `no valid gate resource id in the event (${resourceId === undefined ? 'none' : JSON.stringify(resourceId.slice(0, 300))})` };
  const change = CHANGES[(match[1] ?? '').toLowerCase() as keyof typeof CHANGES];
  return { kind: 'gate', change, fleetId: ids[1] as string, gateId: (ids[2] as string).toLowerCase(), eventId: e.id ?? '' };
}
