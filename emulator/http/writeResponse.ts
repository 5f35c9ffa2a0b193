import type { ServerResponse } from 'node:http';
import type { EmulatorResponse } from '../httpTypes';

export function writeResponse(res: ServerResponse, response: EmulatorResponse, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...extraHeaders, ...(response.headers ?? {}) };
  let payload: string | undefined;
  if (typeof response.body === 'string') payload = response.body;
  else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  else if (response.status !== 204 && response.status !== 304) headers['content-length'] = '0';
  res.writeHead(response.status, headers);
  res.end(payload);
}
