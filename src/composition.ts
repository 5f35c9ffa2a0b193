/**
 * The composition root (docs/design.md §2.5): `composition/composeApp.ts` is the one wiring (every adapter from the
 * typed config, the use cases over them); `composition/createServices.ts` maps use cases to what bindings call.
 * Function bindings ask for the process's services here; tests compose their own app with composeApp and a config
 * pointing at the emulator and Azurite (test/support/emulatorApp.ts).
 */
import { ConfigError, loadConfig, parseConfig } from './config';
import { createServicesFromConfig } from './composition/azureServices';
import type { Services } from './composition/createServices';
import { systemClock } from './adapters/systemClock';
import { conductorConfigProblems } from './composition/conductorConfigProblems';
import type { Clock } from './ports';

export type { Services } from './composition/createServices';
/**
 * Kept under this path for the branches developed in parallel with composeApp (benchmarks, resilience tests);
 * new code composes the app with composition/composeApp.
 * @public
 */
export { createServices } from './composition/createServices';

let current: Services | undefined;
let clock: Clock = systemClock;

/** The process's services, built on first use so that a configuration error surfaces in the invocation's log. */
export function getServices(): Services {
  if (current === undefined) {
    const config = loadConfig();
    current = createServicesFromConfig(config, clock);
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

/**
 * Every problem with the given settings and the Conductor configuration file they name, as lines a person can act
 * on; empty when both are valid. Lets a host refuse to start (and /api/health answer 503) instead of failing later.
 */
export function configurationProblems(settings: Readonly<Record<string, string | undefined>>): readonly string[] {
  const problems: string[] = [];
  try {
    parseConfig(settings);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.issues.map((i) => `${i.setting}: ${i.problem}`));
  }
  problems.push(...conductorConfigProblems(settings.CONDUCTOR_CONFIG_PATH?.trim() || 'conductor.yaml'));
  return problems;
}
