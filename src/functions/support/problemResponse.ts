import type { HttpResponseInit } from '@azure/functions';

/** An RFC 9457 problem+json response: every error answer of the HTTP API has this shape. */
export function problemResponse(status: number, title: string, detail: string, extra: Record<string, unknown> = {}): HttpResponseInit {
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }),
  };
}
