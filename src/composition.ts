/**
 * The composition root (docs/design.md §2.5): `composition/createServices.ts` wires use cases to adapters,
 * `composition/azureServices.ts` builds the Azure adapters from the typed config. Function bindings ask for the
 * process's services here; tests build services from fakes or their own adapters with createServices.
 */
import { loadConfig } from './config';
import { createServicesFromConfig } from './composition/azureServices';
import type { Services } from './composition/createServices';

export { createServices, type Services } from './composition/createServices';

let current: Services | undefined;

/** The process's services, built on first use so that a configuration error surfaces in the invocation's log. */
export function getServices(): Services {
  if (current === undefined) {
    const config = loadConfig();
    current = createServicesFromConfig(config);
    // Said once at startup (the worker's log), besides /api/health and every refused request.
    if (!config.callers.trusted) console.warn(`Fleet Conductor: ${config.callers.reason ?? 'no trusted principal source'}`);
    if (config.approvals.keyProblem !== undefined) console.warn(`Fleet Conductor: ${config.approvals.keyProblem}`);
  }
  return current;
}
