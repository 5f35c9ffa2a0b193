/**
 * The composition root (docs/design.md §2.5): `composition/composeApp.ts` is the one wiring (every adapter from the
 * typed config, the use cases over them); `composition/createServices.ts` maps use cases to what bindings call.
 * Function bindings ask for the process's services here; tests compose their own app with composeApp and a config
 * pointing at the emulator and Azurite (test/support/emulatorApp.ts).
 */
import { loadConfig } from './config';
import type { Services } from './composition/createServices';
import type { createServicesFromConfig } from './composition/azureServices';
import { systemClock } from './adapters/systemClock';
import type { Clock } from './ports';

export type { Services } from './composition/createServices';

let current: Services | undefined;
let clock: Clock = systemClock;
let wiring: { readonly createServicesFromConfig: typeof createServicesFromConfig } | undefined;
let loadingWiring: Promise<void> | undefined;

/**
 * Loads the wiring (every adapter and, through them, every Azure SDK: about three quarters of the app's module-load
 * time, measured by bench/coldStart.ts) on the first invocation instead of when the worker loads the function
 * modules: registering functions needs none of it. Every registered handler awaits this first
 * (functions/support/functionCatalog.ts), so the cost moves to the first invocation, where the benchmark's
 * "process start → first invocation answered" figure shows it.
 */
export function loadWiring(): Promise<void> {
  loadingWiring ??= import('./composition/azureServices.js').then((m) => {
    wiring = m;
  });
  return loadingWiring;
}

/** The process's services, built on first use so that a configuration error surfaces in the invocation's log. */
export function getServices(): Services {
  if (current === undefined) {
    if (wiring === undefined) throw new Error('getServices() before loadWiring() finished: register functions through functions/support/functionCatalog');
    const config = loadConfig();
    current = wiring.createServicesFromConfig(config, clock);
    // Said once at startup (the worker's log), besides /api/health and every refused request.
    if (!config.callers.trusted) console.warn(`Fleet Conductor: ${config.callers.reason ?? 'no trusted principal source'}`);
    if (config.approvals.keyProblem !== undefined) console.warn(`Fleet Conductor: ${config.approvals.keyProblem}`);
  }
  return current;
}

/**
 * The source of time for the process's services. The system clock unless the hosting process supplies another
 * before the first invocation (a local host running a simulated world does; Azure's host never does). The app only
 * ever sees the `Clock` port, whoever provides it.
 */
export function useClock(source: Clock): void {
  if (current !== undefined) throw new Error('useClock must be called before the first invocation builds the services');
  clock = source;
}
