import {
  app,
  type EventGridFunctionOptions,
  type HttpFunctionOptions,
  type InvocationContext,
  type Timer,
  type TimerFunctionOptions,
} from '@azure/functions';
import type { FunctionInfo } from '../../app/getHealth';
import { loadWiring, type Services } from '../../composition';
import './httpStreaming';
import { withQueryEncodingCheck } from './queryEncoding';

const registered: FunctionInfo[] = [];

/** The handler, once the composition's wiring is loaded (deferred from module load to the first invocation). */
function afterWiring<A extends unknown[], R>(handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    await loadWiring();
    return handler(...args);
  };
}

/** Every function this app registered, for /api/health. The runtime offers no way to ask it. */
export function registeredFunctions(): readonly FunctionInfo[] {
  return registered;
}

export function httpFunction(name: string, options: HttpFunctionOptions): void {
  registered.push({
    name,
    trigger: 'http',
    route: options.route ?? name,
    ...(options.methods ? { methods: [...options.methods] } : {}),
    authLevel: options.authLevel ?? 'function',
  });
  app.http(name, { ...options, handler: afterWiring(withQueryEncodingCheck(options.handler)) });
}

export function eventGridFunction(name: string, options: EventGridFunctionOptions): void {
  registered.push({ name, trigger: 'eventGrid' });
  app.eventGrid(name, { ...options, handler: afterWiring(options.handler) });
}

/**
 * Registers a timer whose every run is recorded (start, end, past due, outcome) for /api/health. A failure to record
 * is logged and does not fail the run; the run's own failure is recorded and then rethrown so the host sees it.
 */
export function timerFunction(
  name: string,
  options: TimerFunctionOptions & { handler: (timer: Timer, context: InvocationContext) => Promise<void> },
  services: () => Services,
): void {
  registered.push({ name, trigger: 'timer', schedule: options.schedule });
  const handler = async (timer: Timer, context: InvocationContext): Promise<void> => {
    const s = services();
    const startedAt = s.clock.nowIso();
    let failure: Error | undefined;
    try {
      await options.handler(timer, context);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error), { cause: error });
    }
    try {
      await s.recordTimerRun({
        functionName: name,
        schedule: options.schedule,
        startedAt,
        finishedAt: s.clock.nowIso(),
        isPastDue: timer.isPastDue,
        outcome: failure === undefined ? 'Succeeded' : 'Failed',
        ...(failure !== undefined ? { error: failure.message } : {}),
      });
    } catch (error) {
      context.error(`Could not record the run of timer ${name}:`, error);
    }
    if (failure !== undefined) throw failure;
  };
  app.timer(name, { ...options, handler: afterWiring(handler) });
}
