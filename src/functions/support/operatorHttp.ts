import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { z } from 'zod';
import type { Operator, OperatorOutcome } from '../../app/operator/operatorDeps';
import type { CallerTrust } from '../../app/security/callerTrust';
import { authorizeOperator } from './callerPrincipal';
import { badRequest, notFound, problemResponse, type ParameterError } from './problemResponse';
import { parseInput } from './parseRequest';
import { readBodyText } from './requestBody';

// A reason, a few skip targets: anything larger is not an operator action.
const MAX_BODY_BYTES = 16_384;

/** A parsed operator request: the caller (with the operator role) and its reason, the route parameters, the body. */
export interface OperatorRequest<P, B> {
  readonly operator: Operator;
  readonly params: P;
  readonly body: B;
}

/**
 * The common front of every operator action: the shared operator check (authorizeOperator: a trusted principal
 * source, a verified caller with `Conductor.Operator`; 401/403) comes first; then the route parameters and the JSON
 * body (at most 16 KiB, with a `reason` of 1-500 characters) are parsed by their schemas, every bad field named in
 * one 400 (413 past the size). Nothing is read or written before all of this passed.
 */
export async function operatorRequest<P extends z.ZodType, B extends z.ZodType<{ readonly reason: string }>>(
  request: HttpRequest,
  trust: CallerTrust,
  action: string,
  schemas: { readonly params: P; readonly body: B },
): Promise<OperatorRequest<z.output<P>, z.output<B>> | HttpResponseInit> {
  const authorized = authorizeOperator(request, trust, action);
  if (!authorized.ok) return authorized.response;
  const read = await readBodyText(request, MAX_BODY_BYTES);
  if (!read.ok) return problemResponse(read.status, read.status === 413 ? 'Payload Too Large' : 'Bad Request', read.detail);
  const params = parseInput(schemas.params, { ...request.params });
  const json = parseJson(read.text);
  const body = json.ok ? parseInput(schemas.body, json.value) : { ok: false as const, errors: [{ parameter: 'body', message: 'must be JSON' }] };
  if (!params.ok || !body.ok) return badRequest([...(params.ok ? [] : params.errors), ...(body.ok ? [] : body.errors)]);
  return { operator: { name: authorized.caller.name, reason: body.value.reason }, params: params.value, body: body.value };
}

/** An empty body is `{}` (so a missing reason is named as such); anything else must be JSON. */
function parseJson(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function isResponse<P, B>(value: OperatorRequest<P, B> | HttpResponseInit): value is HttpResponseInit {
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
