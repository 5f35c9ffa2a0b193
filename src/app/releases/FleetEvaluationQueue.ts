import type { ReleaseTrigger } from './detectReleases';

interface Slot<T> {
  running: Promise<T>;
  next?: { promise: Promise<T>; trigger: { kind: ReleaseTrigger['kind']; eventIds: string[] } };
}

/**
 * Coalesces evaluations per fleet within a process: while one runs, every further request joins ONE follow-up
 * evaluation (their event ids merged), which starts when the current one ends. A burst of a thousand cluster events
 * becomes two evaluations, and the follow-up sees whatever the first one did (level-triggered).
 */
export class FleetEvaluationQueue<T> {
  private readonly slots = new Map<string, Slot<T>>();

  constructor(private readonly evaluate: (fleet: string, trigger: ReleaseTrigger) => Promise<T>) {}

  request(fleet: string, trigger: ReleaseTrigger): Promise<T> {
    const slot = this.slots.get(fleet);
    if (!slot) return this.start(fleet, trigger);
    if (slot.next) {
      slot.next.trigger.eventIds.push(...trigger.eventIds);
      if (trigger.kind === 'poll') slot.next.trigger.kind = 'poll';
      return slot.next.promise;
    }
    const pending = { kind: trigger.kind, eventIds: [...trigger.eventIds] };
    const promise = slot.running.then(
      () => this.start(fleet, pending),
      () => this.start(fleet, pending),
    );
    slot.next = { promise, trigger: pending };
    return promise;
  }

  private start(fleet: string, trigger: ReleaseTrigger): Promise<T> {
    const running = this.evaluate(fleet, trigger);
    const slot: Slot<T> = { running };
    // The follow-up that started this run hands its place over; later requests queue behind this run.
    this.slots.set(fleet, slot);
    const settle = (): void => {
      if (this.slots.get(fleet) === slot && !slot.next) this.slots.delete(fleet);
    };
    running.then(settle, settle);
    return running;
  }
}
