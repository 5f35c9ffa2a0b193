/** The injected crash: the instance that threw it is dead from then on (every later port call throws it too). */
export class CrashError extends Error {
  constructor(readonly boundary: string) {
    super(`injected crash ${boundary}`);
    this.name = 'CrashError';
  }
}

/**
 * Where an instance dies: the `occurrence`-th time it crosses `boundary` (e.g. "after fleet.completeGate"); `*` counts
 * every boundary (the instance dies at its `occurrence`-th boundary, whichever that is).
 */
export interface CrashPlan {
  readonly boundary: string;
  readonly occurrence: number;
}

/**
 * One app instance's life: every port call crosses two action boundaries (before and after it); the planned one
 * throws CrashError and kills the instance, as a process killed there would stop: nothing after it runs, not even a
 * `finally`'s cleanup write (those calls throw too). A crash "after" a call means the call took effect.
 */
export class InstanceLife {
  dead = false;
  boundaries = 0;
  crashedAt: { readonly boundary: string; readonly key?: string } | undefined;
  /**
   * Calls that were in flight when the instance died and reached a boundary after it: the process died between their
   * start and their end. A send that completed at the receiver but whose record never happened shows up here as
   * `after notifier.send` (the crash was planned at another call of the same instance running concurrently).
   */
  readonly cutOff: { readonly boundary: string; readonly key?: string }[] = [];
  private seen = 0;

  constructor(readonly plan: CrashPlan | undefined) {}

  cross(boundary: string, key: string | undefined): void {
    if (this.dead) {
      this.cutOff.push({ boundary, ...(key === undefined ? {} : { key }) });
      throw new CrashError(`(dead) ${boundary}`);
    }
    this.boundaries++;
    if ((this.plan?.boundary === '*' || boundary === this.plan?.boundary) && ++this.seen === this.plan.occurrence) {
      this.dead = true;
      this.crashedAt = { boundary, ...(key === undefined ? {} : { key }) };
      throw new CrashError(boundary);
    }
  }
}

/** `target` with every method call crossing `life`'s boundaries; `keyOf` names what a call is about (e.g. a message id). */
export function crashing<T extends object>(target: T, life: InstanceLife, name: string, keyOf: (args: unknown[]) => string | undefined = () => undefined): T {
  return new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      return async (...args: unknown[]) => {
        const key = keyOf(args);
        life.cross(`before ${name}.${String(prop)}`, key);
        const result = await method.apply(t, args);
        life.cross(`after ${name}.${String(prop)}`, key);
        return result;
      };
    },
  });
}
