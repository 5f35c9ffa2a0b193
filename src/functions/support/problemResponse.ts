import type { HttpResponseInit } from '@azure/functions';

/** One bad request parameter, named. */
export interface ParameterError {
  readonly parameter: string;
  readonly message: string;
}

/** An RFC 9457 problem+json response: every error answer of the HTTP API has this shape. */
export function problemResponse(status: number, title: string, detail: string, extra: Record<string, unknown> = {}): HttpResponseInit {
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }),
  };
}

/** 400 naming every bad parameter at once. */
export function badRequest(errors: readonly ParameterError[]): HttpResponseInit {
  return problemResponse(400, 'Bad Request', errors.map((e) => `${e.parameter}: ${e.message}`).join('; '), { errors });
}

export function notFound(detail: string): HttpResponseInit {
  return problemResponse(404, 'Not Found', detail);
}
