import type { ReleaseTrigger } from './detectReleases';

interface Slot<T, C> {
  running: Promise<T>;
  next?: { promise: Promise<T>; trigger: { kind: ReleaseTrigger['kind']; eventIds: string[] }; context: C };
}

/**
 * Coalesces evaluations per fleet within a process: while one runs, every further request joins ONE follow-up
 * evaluation (their event ids merged), which starts when the current one ends. A burst of a thousand cluster events
 * becomes two evaluations, and the follow-up sees whatever the first one did (level-triggered). `context` (e.g. the
 * invocation's log) is the one of the request that started the evaluation.
 */
export class FleetEvaluationQueue<T, C = undefined> {
  private readonly slots = new Map<string, Slot<T, C>>();

  constructor(private readonly evaluate: (fleet: string, trigger: ReleaseTrigger, context: C) => Promise<T>) {}

  request(fleet: string, trigger: ReleaseTrigger, context: C): Promise<T> {
    const slot = this.slots.get(fleet);
    if (!slot) return this.start(fleet, trigger, context);
    if (slot.next) {
      slot.next.trigger.eventIds.push(...trigger.eventIds);
      if (trigger.kind === 'poll') slot.next.trigger.kind = 'poll';
      return slot.next.promise;
    }
    const pending = { kind: trigger.kind, eventIds: [...trigger.eventIds] };
    const promise = slot.running.then(
      () => this.start(fleet, pending, context),
      () => this.start(fleet, pending, context),
    );
    slot.next = { promise, trigger: pending, context };
    return promise;
  }

  private start(fleet: string, trigger: ReleaseTrigger, context: C): Promise<T> {
    const running = this.evaluate(fleet, trigger, context);
    const slot: Slot<T, C> = { running };
    // The follow-up that started this run hands its place over; later requests queue behind this run.
    this.slots.set(fleet, slot);
    const settle = (): void => {
      if (this.slots.get(fleet) === slot && !slot.next) this.slots.delete(fleet);
    };
    running.then(settle, settle);
    return running;
  }
}
