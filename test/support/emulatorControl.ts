import https from 'node:https';
import type { TokenCredential } from '@azure/core-auth';
import type { RunningEmulator } from '../../emulator/startEmulator';

/** A token the emulator accepts (any bearer token); real credentials are exercised in the emulator's own tests. */
export const staticCredential: TokenCredential = {
  getToken: () => Promise.resolve({ token: 'test-token', expiresOnTimestamp: Date.now() + 3600_000 }),
};

/** Calls the emulator's control API (`/_emulator/...`) over HTTPS, trusting its CA. */
export function control<T = unknown>(emulator: Pick<RunningEmulator, 'url' | 'caPem'>, method: string, path: string, body?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${emulator.url}${path}`);
    const req = https.request(url, { method, ca: emulator.caPem, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => {
        if ((res.statusCode ?? 500) >= 400) reject(new Error(`${method} ${path} → ${res.statusCode}: ${text}`));
        else resolve((text === '' ? undefined : JSON.parse(text)) as T);
      });
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

export interface LoggedRequest {
  service: string;
  method: string;
  path: string;
  status: number;
}

/** ARM requests the emulator received (optionally only those whose path contains `pathContains`). */
export async function armRequests(emulator: Pick<RunningEmulator, 'url' | 'caPem'>, pathContains?: string): Promise<LoggedRequest[]> {
  const q = new URLSearchParams({ service: 'arm', ...(pathContains ? { pathContains } : {}) });
  return (await control<{ value: LoggedRequest[] }>(emulator, 'GET', `/_emulator/requests?${q.toString()}`)).value;
}

export function advanceClock(emulator: Pick<RunningEmulator, 'url' | 'caPem'>, seconds: number): Promise<unknown> {
  return control(emulator, 'POST', '/_emulator/clock', { advanceSeconds: seconds });
}
