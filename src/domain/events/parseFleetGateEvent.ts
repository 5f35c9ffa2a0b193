/**
 * Reads a Fleet gate event (Event Grid or CloudEvents schema) for the one thing Conductor takes from it: which gate
 * to look at. Decisions never use the payload (docs/design.md §3). The event type is matched case-insensitively because
 * published samples spell it `AksResources` while the docs say `AKSResources`.
 */
export type FleetGateEvent =
  | { readonly kind: 'gate'; readonly change: 'Created' | 'Updated' | 'Deleted'; readonly fleetId: string; readonly gateId: string; readonly eventId: string }
  | { readonly kind: 'ignored'; readonly reason: string };

const TYPE = /^microsoft\.resourcenotifications\.aksresources\.fleetgate(created|updated|deleted)$/i;
const GATE_ID = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerService\/fleets\/[^/]+)\/gates\/([^/]+)$/i;
const CHANGES = { created: 'Created', updated: 'Updated', deleted: 'Deleted' } as const;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function parseFleetGateEvent(event: unknown): FleetGateEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return { kind: 'ignored', reason: 'the event is not a JSON object' };
  const e = event as Record<string, unknown>;
  const type = str(e.eventType) ?? str(e.type);
  if (!type) return { kind: 'ignored', reason: 'the event has no eventType/type' };
  const match = TYPE.exec(type);
  if (!match) return { kind: 'ignored', reason: `event type ${type} is not a Fleet gate event` };
  const data = typeof e.data === 'object' && e.data !== null ? (e.data as Record<string, unknown>) : {};
  const info = typeof data.resourceInfo === 'object' && data.resourceInfo !== null ? (data.resourceInfo as Record<string, unknown>) : {};
  const resourceId = str(info.id) ?? str(e.subject);
  const ids = resourceId === undefined ? null : GATE_ID.exec(resourceId);
  if (!ids || [...(resourceId ?? '')].some((ch) => ch.charCodeAt(0) < 0x20)) return { kind: 'ignored', reason: `no gate resource id in the event (${resourceId ?? 'none'})` };
  const change = CHANGES[(match[1] ?? '').toLowerCase() as keyof typeof CHANGES];
  return { kind: 'gate', change, fleetId: ids[1] as string, gateId: (ids[2] as string).toLowerCase(), eventId: str(e.id) ?? '' };
}
