import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';

export interface PostResult {
  status: number;
  body: string;
}

/** POSTs JSON to an http or https endpoint; https trusts the public roots plus the emulator's own CA. */
export function postJson(url: string, body: string, headers: Record<string, string>, caPem: string, timeoutMs = 30_000): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const options = {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
      timeout: timeoutMs,
    };
    const onResponse = (res: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    };
    const req =
      target.protocol === 'https:'
        ? https.request(target, { ...options, ca: [...rootCertificates, caPem] }, onResponse)
        : http.request(target, options, onResponse);
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
