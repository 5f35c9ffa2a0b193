import type { Clock, FleetApi } from '../../ports';

/** Fleet names gates with a GUID (docs/azure-apis.md §2); anything else cannot be a gate and costs no ARM call. */
const GATE_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** How long "neither Fleet nor Conductor knows this gate" is believed without asking Fleet again. */
const UNKNOWN_SECONDS = 60;
/** Bounded so a flood of random ids cannot grow the process without limit (oldest forgotten first). */
const MAX_ENTRIES = 10_000;

/**
 * The gate-event path's guard against floods of bogus gate ids (10,000 random ids once cost 10,021 ARM GETs): an id
 * that is not a GUID is refused before any call, and an id found unknown is answered from here for a minute. Only
 * events use it; the reconcile tick lists Fleet's gates itself, so a cached miss never hides a real gate for long.
 */
export class UnknownGateCache {
  private readonly unknown = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** Why this gate id needs no look-up, or undefined when it should be reconciled. */
  refuse(fleetId: string, gateId: string): string | undefined {
    if (!GATE_GUID.test(gateId)) return `gate id "${gateId.slice(0, 80)}" is not a GUID`;
    const key = `${fleetId.toLowerCase()}/${gateId}`;
    const until = this.unknown.get(key);
    if (until === undefined) return undefined;
    if (until > Date.parse(this.clock.nowIso())) return `gate ${gateId} was unknown to Fleet and Conductor moments ago`;
    this.unknown.delete(key);
    return undefined;
  }

  rememberUnknown(fleetId: string, gateId: string): void {
    if (this.unknown.size >= MAX_ENTRIES) this.unknown.delete(this.unknown.keys().next().value as string);
    this.unknown.set(`${fleetId.toLowerCase()}/${gateId}`, Date.parse(this.clock.nowIso()) + UNKNOWN_SECONDS * 1000);
  }
}

// One per process (per FleetApi, which the composition builds once), like the other read caches.
const caches = new WeakMap<FleetApi, UnknownGateCache>();

export function unknownGateCacheFor(fleet: FleetApi, clock: Clock): UnknownGateCache {
  let cache = caches.get(fleet);
  if (!cache) caches.set(fleet, (cache = new UnknownGateCache(clock)));
  return cache;
}
