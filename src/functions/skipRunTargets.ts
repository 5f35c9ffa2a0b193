import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import type { SkipTarget } from '../ports';
import { httpFunction } from './support/functionCatalog';
import { isResponse, operatorRequest, operatorResponse } from './support/operatorHttp';

const TYPES: readonly SkipTarget['type'][] = ['Member', 'Group', 'Stage', 'AfterStageWait'];
const MAX_TARGETS = 50;

/** POST /api/runs/{fleet}/{run}/skip `{ reason, targets: [{ type, name }] }`: passed to Fleet's skip. */
export function createSkipRunTargetsHandler(services: () => Services): HttpHandler {
  return async (request) => {
    let fleet = '';
    let run = '';
    const targets: SkipTarget[] = [];
    const parsed = await operatorRequest(request, services().callerTrust, 'skip targets of a run', (p, body) => {
      fleet = p.name('fleet', 63);
      run = p.name('run', 50);
      const raw = body.targets;
      if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_TARGETS) {
        p.errors.push({ parameter: 'targets', message: `must be an array of 1-${MAX_TARGETS} { type, name }` });
        return;
      }
      raw.forEach((t: unknown, i) => {
        const { type, name } = (typeof t === 'object' && t !== null ? t : {}) as { type?: unknown; name?: unknown };
        const known = TYPES.find((k) => k === type);
        if (!known || typeof name !== 'string' || name.length < 1 || name.length > 63) p.errors.push({ parameter: `targets[${i}]`, message: `needs a type (${TYPES.join(', ')}) and a name of 1-63 characters` });
        else targets.push({ type: known, name });
      });
    });
    if (isResponse(parsed)) return parsed;
    return operatorResponse(await services().skipRunTargets(fleet, run, targets, parsed.operator));
  };
}

httpFunction('skipRunTargets', { route: 'runs/{fleet}/{run}/skip', methods: ['POST'], authLevel: 'function', handler: createSkipRunTargetsHandler(getServices) });
