import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { authorizeOperator } from './support/callerPrincipal';
import { readBodyText } from './support/requestBody';
import { httpFunction } from './support/functionCatalog';
import { badRequest, notFound, problemResponse } from './support/problemResponse';
import { RequestParameters } from './support/requestParameters';

/**
 * POST /api/runs/{fleet}/{run}/stop: operators only (authorizeOperator: a trusted principal source, a verified Entra
 * ID caller with the Conductor.Operator role, never anything from the body).
 */
export function createStopRunHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const p = new RequestParameters(request);
    const fleet = p.name('fleet', 63);
    const run = p.name('run', 50);
    let comment: string | undefined;
    const body = await readBodyText(request, 4_096);
    if (!body.ok) return problemResponse(body.status, body.status === 413 ? 'Payload Too Large' : 'Bad Request', body.detail);
    const text = body.text;
    if (text.trim() !== '') {
      try {
        const body = JSON.parse(text) as { comment?: unknown };
        if (body.comment !== undefined && (typeof body.comment !== 'string' || body.comment.length > 500)) p.errors.push({ parameter: 'comment', message: 'must be a string of at most 500 characters' });
        else if (typeof body.comment === 'string') comment = body.comment;
      } catch {
        p.errors.push({ parameter: 'body', message: 'must be JSON ({ "comment": "..." }) or empty' });
      }
    }
    if (p.errors.length > 0) return badRequest(p.errors);
    const operator = authorizeOperator(request, services().callerTrust, 'stop a run');
    if (!operator.ok) return operator.response;
    const caller = operator.caller;
    const outcome = await services().stopRun(fleet, run, { name: caller.name, ...(comment ? { comment } : {}) });
    switch (outcome.kind) {
      case 'notFound':
        return notFound(`No run ${run} in fleet ${fleet}`);
      case 'notRunning':
        return problemResponse(409, 'Conflict', `Run ${run} is ${outcome.state}; only a running or pending run can be stopped`);
      case 'stopping':
        return { status: 202, jsonBody: { fleet, run, state: outcome.state } };
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  };
}

httpFunction('stopRun', { route: 'runs/{fleet}/{run}/stop', methods: ['POST'], authLevel: 'function', handler: createStopRunHandler(getServices) });
