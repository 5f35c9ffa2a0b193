import https from 'node:https';
import http from 'node:http';
import { DeliveryError } from '../../ports';
import { retryAfterSeconds } from './retryAfterSeconds';

export interface PostOptions {
  readonly caPem?: string;
  readonly timeoutInMs?: number;
}

/**
 * POSTs a JSON body; resolves on 2xx. 429 and 5xx become retryable DeliveryErrors carrying Retry-After (seconds or
 * an HTTP date) when the receiver gave one; other statuses are permanent refusals. `what` names the receiver in errors.
 */
export function postJson(what: string, target: string, body: string, headers: Readonly<Record<string, string>>, options: PostOptions = {}): Promise<void> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return Promise.reject(new DeliveryError(`${what}: the configured URL is not an absolute URL`, { permanent: true }));
  }
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        ...(options.caPem && url.protocol === 'https:' ? { ca: options.caPem } : {}),
        timeout: options.timeoutInMs ?? 10_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve();
          const retryAfter = retryAfterSeconds(res.headers['retry-after'], Date.now());
          const retryable = status === 429 || status >= 500;
          reject(new DeliveryError(`${what} answered ${status}`, { ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}), permanent: !retryable }));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) => reject(new DeliveryError(`${what} unreachable: ${error.message}`)));
    req.end(body);
  });
}
