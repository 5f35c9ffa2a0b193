import type { FleetApi } from '../../ports';

interface InFlight<T> {
  readonly running: Promise<T>;
  /** The one reconcile queued behind the running one, shared by every event that arrived while it ran. */
  trailing?: Promise<T>;
}

/**
 * Coalesces gate events per gate (issue 14: gate events are coalesced like AKS events): while a reconcile of a gate
 * runs, the events for that gate that arrive share one reconcile started after it, so a burst of N events for one
 * gate (Event Grid's at-least-once duplicates, FleetGateCreated and FleetGateUpdated close together) costs 2
 * reconciles, not N. An event never joins the running reconcile: that one may have read Fleet before the event's
 * change, and the reconcile is level-triggered, so only a read that starts after the event sees it. The queued
 * reconcile runs with the log of the first event that asked for it.
 */
export class GateEventCoalescer {
  private readonly inFlight = new Map<string, InFlight<unknown>>();

  run<T>(fleetId: string, gateId: string, reconcile: () => Promise<T>): Promise<T> {
    const key = `${fleetId.toLowerCase()}/${gateId.toLowerCase()}`;
    const current = this.inFlight.get(key) as InFlight<T> | undefined;
    if (!current) return this.start(key, reconcile);
    if (!current.trailing) {
      // Starts when the running one settles, failed or not; it then becomes the running one for later events.
      current.trailing = current.running.then(
        () => this.start(key, reconcile),
        () => this.start(key, reconcile),
      );
    }
    return current.trailing;
  }

  /** Gates with a reconcile running (for tests). */
  get size(): number {
    return this.inFlight.size;
  }

  private start<T>(key: string, reconcile: () => Promise<T>): Promise<T> {
    const entry: InFlight<T> = { running: Promise.resolve().then(reconcile) };
    this.inFlight.set(key, entry);
    const settled = (): void => {
      if (this.inFlight.get(key) === entry && !entry.trailing) this.inFlight.delete(key);
    };
    entry.running.then(settled, settled);
    return entry.running;
  }
}

// One per process (per FleetApi, which the composition builds once), like UnknownGateCache.
const coalescers = new WeakMap<FleetApi, GateEventCoalescer>();

export function gateEventCoalescerFor(fleet: FleetApi): GateEventCoalescer {
  let coalescer = coalescers.get(fleet);
  if (!coalescer) coalescers.set(fleet, (coalescer = new GateEventCoalescer()));
  return coalescer;
}
