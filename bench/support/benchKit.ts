import https from 'node:https';
import type { TokenCredential } from '@azure/core-auth';
import type { RunningEmulator } from '../../emulator/startEmulator';

/** Any bearer token: the emulator checks that one is sent, not who sent it. */
export const benchCredential: TokenCredential = { getToken: () => Promise.resolve({ token: 'bench', expiresOnTimestamp: Date.now() + 3600_000 }) };

/** The emulator's control API over HTTPS, trusting its CA. */
export function control<T>(emulator: RunningEmulator, method: string, path: string, body?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(`${emulator.url}${path}`), { method, ca: emulator.caPem, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => ((res.statusCode ?? 500) >= 400 ? reject(new Error(`${path}: ${res.statusCode} ${text}`)) : resolve((text ? JSON.parse(text) : undefined) as T)));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** The p-th percentile (nearest rank) of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
