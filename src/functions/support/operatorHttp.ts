import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { Operator, OperatorOutcome } from '../../app/operator/operatorDeps';
import type { CallerTrust } from '../../app/security/callerTrust';
import { authorizeOperator } from './callerPrincipal';
import { badRequest, notFound, problemResponse, type ParameterError } from './problemResponse';
import { readBodyText } from './requestBody';
import { RequestParameters } from './requestParameters';

export const MAX_REASON = 500;
// A reason, a few skip targets: anything larger is not an operator action.
const MAX_BODY_BYTES = 16_384;

/** A parsed operator request: the caller (with the operator role), the reason, the rest of the JSON body. */
export interface OperatorRequest {
  readonly operator: Operator;
  readonly body: Readonly<Record<string, unknown>>;
  readonly params: RequestParameters;
}

/**
 * The common front of every operator action: the shared operator check (authorizeOperator: a trusted principal
 * source, a verified caller with `Conductor.Operator`; 401/403) comes first; then the body must be a JSON object of
 * at most 16 KiB with a `reason` of 1-500 characters (400/413, naming every bad field together with the route
 * parameters `check` collects). Nothing is read or written before all of this passed.
 */
export async function operatorRequest(
  request: HttpRequest,
  trust: CallerTrust,
  action: string,
  check: (params: RequestParameters, body: Readonly<Record<string, unknown>>) => void,
  options: { readonly allowReasonAlias?: string } = {},
): Promise<OperatorRequest | HttpResponseInit> {
  const authorized = authorizeOperator(request, trust, action);
  if (!authorized.ok) return authorized.response;
  const caller = authorized.caller;
  const params = new RequestParameters(request);
  let body: Record<string, unknown> = {};
  const read = await readBodyText(request, MAX_BODY_BYTES);
  if (!read.ok) return problemResponse(read.status, read.status === 413 ? 'Payload Too Large' : 'Bad Request', read.detail);
  const text = read.text;
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
