import type { Clock } from '../../ports';
import type { ReleaseTrigger } from './releaseEvaluation';

interface Slot<T, C> {
  running: Promise<T>;
  /** The trigger of the running evaluation: event ids of requests that join it are added here. */
  trigger: { kind: ReleaseTrigger['kind']; eventIds: string[] };
  next?: { promise: Promise<T>; trigger: { kind: ReleaseTrigger['kind']; eventIds: string[] }; context: C };
}

interface Window<T> {
  readonly startedAt: number;
  readonly result: Promise<T>;
}

export interface EvaluationWindowOptions {
  readonly clock: Clock;
  /** The coalescing window: the same as the shared reads' window, so an evaluation inside it would read the same. */
  readonly windowSeconds: number;
}

/**
 * Coalesces evaluations per fleet within a process. AKS events: at most ONE evaluation per fleet per coalescing
 * window. An event joins the evaluation running for its fleet, or is answered by the one that started less than a
 * window ago: a second evaluation inside the window would see the same shared reads (SharedReleaseReads keeps them
 * for the same window) and the first one's own writes, so it could decide nothing new. A failed evaluation answers
 * nobody later: the next event starts a fresh one. Polls (the timer) always evaluate: while one runs, every further
 * poll joins ONE follow-up, which starts when the current one ends. Without window options events coalesce like polls.
 * `context` (e.g. the invocation's log) is the one of the request that started the evaluation.
 */
export class FleetEvaluationQueue<T, C = undefined> {
  private readonly slots = new Map<string, Slot<T, C>>();
  private readonly windows = new Map<string, Window<T>>();

  constructor(
    private readonly evaluate: (fleet: string, trigger: ReleaseTrigger, context: C) => Promise<T>,
    private readonly window?: EvaluationWindowOptions,
  ) {}

  request(fleet: string, trigger: ReleaseTrigger, context: C): Promise<T> {
    const slot = this.slots.get(fleet);
    if (trigger.kind === 'event' && this.window) {
      if (slot) {
        slot.trigger.eventIds.push(...trigger.eventIds);
        return slot.running;
      }
      const last = this.windows.get(fleet);
      if (last && this.nowMs() - last.startedAt < this.window.windowSeconds * 1000) return last.result;
    }
    if (!slot) return this.start(fleet, { kind: trigger.kind, eventIds: [...trigger.eventIds] }, context);
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

  private nowMs(): number {
    return this.window ? Date.parse(this.window.clock.nowIso()) : 0;
  }

  private start(fleet: string, trigger: { kind: ReleaseTrigger['kind']; eventIds: string[] }, context: C): Promise<T> {
    const running = this.evaluate(fleet, trigger, context);
    const slot: Slot<T, C> = { running, trigger };
    // The follow-up that started this run hands its place over; later requests queue behind this run.
    this.slots.set(fleet, slot);
    const window = { startedAt: this.nowMs(), result: running };
    this.windows.set(fleet, window);
    const settle = (): void => {
      if (this.slots.get(fleet) === slot && !slot.next) this.slots.delete(fleet);
    };
    running.then(settle, () => {
      settle();
      if (this.windows.get(fleet) === window) this.windows.delete(fleet); // a failure answers nobody later
    });
    return running;
  }
}
