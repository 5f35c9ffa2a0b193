import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { Operator, OperatorOutcome } from '../../app/operator/operatorDeps';
import { callerPrincipal, OPERATOR_ROLE } from './callerPrincipal';
import { badRequest, notFound, problemResponse, type ParameterError } from './problemResponse';
import { RequestParameters } from './requestParameters';

export const MAX_REASON = 500;

/** A parsed operator request: the caller (with the operator role), the reason, the rest of the JSON body. */
export interface OperatorRequest {
  readonly operator: Operator;
  readonly body: Readonly<Record<string, unknown>>;
  readonly params: RequestParameters;
}

/**
 * The common front of every operator action: the caller must be signed in (401) and hold `Conductor.Operator`
 * (403) — the role comes from the authenticated principal (callerPrincipal), never from the body; then the body
 * must be a JSON object with a `reason` of 1-500 characters (400, naming every bad field together with the route
 * parameters `check` collects). Nothing is read or written before all of this passed.
 */
export async function operatorRequest(
  request: HttpRequest,
  check: (params: RequestParameters, body: Readonly<Record<string, unknown>>) => void,
  options: { readonly allowReasonAlias?: string } = {},
): Promise<OperatorRequest | HttpResponseInit> {
  const caller = callerPrincipal(request);
  if (!caller) return problemResponse(401, 'Unauthorized', 'Operator actions need a signed-in caller (App Service authentication)');
  if (!caller.roles.includes(OPERATOR_ROLE)) return problemResponse(403, 'Forbidden', `${caller.name} lacks the ${OPERATOR_ROLE} role`);
  const params = new RequestParameters(request);
  let body: Record<string, unknown> = {};
  const text = await request.text();
  try {
    const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) params.errors.push({ parameter: 'body', message: 'must be a JSON object' });
    else body = parsed as Record<string, unknown>;
  } catch {
    params.errors.push({ parameter: 'body', message: 'must be JSON' });
  }
  const raw = body.reason ?? (options.allowReasonAlias ? body[options.allowReasonAlias] : undefined);
  if (typeof raw !== 'string' || raw.trim() === '' || raw.length > MAX_REASON) params.errors.push({ parameter: 'reason', message: `is required: a string of 1-${MAX_REASON} characters` });
  check(params, body);
  if (params.errors.length > 0) return badRequest(params.errors);
  return { operator: { name: caller.name, reason: (raw as string).trim() }, body, params };
}

export function isResponse(value: OperatorRequest | HttpResponseInit): value is HttpResponseInit {
  return !('operator' in value);
}

/** 200/202 with the body, 404, 409 naming the state, or 400 naming the field. */
export function operatorResponse(outcome: OperatorOutcome, accepted = false): HttpResponseInit {
  switch (outcome.kind) {
    case 'done':
      return { status: accepted ? 202 : 200, jsonBody: outcome.body };
    case 'notFound':
      return notFound(outcome.detail);
    case 'conflict':
      return problemResponse(409, 'Conflict', outcome.detail, { state: outcome.state });
    case 'invalid': {
      const errors: ParameterError[] = [{ parameter: outcome.parameter, message: outcome.detail }];
      return badRequest(errors);
    }
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}
