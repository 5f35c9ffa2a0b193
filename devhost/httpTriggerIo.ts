import type http from 'node:http';
import { HttpRequest, HttpResponse, type Cookie } from '@azure/functions';

/** Builds the HttpRequest the worker would hand to an HTTP trigger. */
export function toHttpRequest(init: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  params: Record<string, string>;
}): HttpRequest {
  const query: Record<string, string> = {};
  for (const [k, v] of new URL(init.url).searchParams) query[k] = v;
  // GET/HEAD bodies are dropped by the worker (with a warning); do not hand them over.
  const hasBody = init.body.length > 0 && init.method !== 'GET' && init.method !== 'HEAD';
  return new HttpRequest({
    method: init.method,
    url: init.url,
    headers: init.headers,
    query,
    params: init.params,
    ...(hasBody ? { body: { bytes: new Uint8Array(init.body) } } : {}),
  });
}

/**
 * The HttpRequest the worker builds when the app enabled HTTP streams (createStreamRequest in
 * @azure/functions/src/http/HttpRequest.ts): a native Request over the incoming body stream, not read in advance.
 * The public HttpRequestInit has no stream form, so the library's internal `nativeRequest` init is used, as the
 * worker itself does.
 */
export function toStreamingHttpRequest(init: { method: string; url: string; headers: Record<string, string>; body: AsyncIterable<Uint8Array> | undefined; params: Record<string, string> }): HttpRequest {
  const hasBody = init.body !== undefined && init.method !== 'GET' && init.method !== 'HEAD';
  const nativeRequest = new Request(init.url, { method: init.method, headers: init.headers, ...(hasBody ? { body: init.body, duplex: 'half' } : {}) });
  return new HttpRequest({ nativeRequest, params: init.params } as unknown as ConstructorParameters<typeof HttpRequest>[0]);
}

/** Writes whatever the handler returned (HttpResponse, HttpResponseInit or nothing) as the worker does. */
export async function writeHttpResult(res: http.ServerResponse, result: unknown): Promise<void> {
  const response =
    result instanceof HttpResponse ? result : new HttpResponse((result ?? {}));
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const cookies = response.cookies.map(serialiseCookie);
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
}

function serialiseCookie(c: Cookie): string {
  const parts = [`${c.name}=${c.value}`];
  if (c.domain) parts.push(`Domain=${c.domain}`);
  if (c.path) parts.push(`Path=${c.path}`);
  if (c.expires) parts.push(`Expires=${new Date(c.expires).toUTCString()}`);
  if (c.maxAge !== undefined) parts.push(`Max-Age=${c.maxAge}`);
  if (c.secure) parts.push('Secure');
  if (c.httpOnly) parts.push('HttpOnly');
  if (c.sameSite) parts.push(`SameSite=${c.sameSite}`);
  return parts.join('; ');
}
