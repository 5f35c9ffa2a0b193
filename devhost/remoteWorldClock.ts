import https from 'node:https';
import type { WorldClock } from './worldClock';

// How often the host re-reads the world's clock; between reads it runs on at the world's speed.
const SYNC_MS = 250;

interface Reading {
  readonly nowMs: number;
  readonly speed: number;
  readonly at: number;
}

function readClock(emulatorUrl: string, caPem: string): Promise<Reading> {
  return new Promise((resolve, reject) => {
    https
      .get(new URL('/_emulator/clock', emulatorUrl), { ca: caPem }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          const body = JSON.parse(text) as { nowMs?: unknown; speed?: unknown };
          if (res.statusCode !== 200 || typeof body.nowMs !== 'number' || typeof body.speed !== 'number') return reject(new Error(`the world's clock answered ${res.statusCode}`));
          resolve({ nowMs: body.nowMs, speed: body.speed, at: Date.now() });
        });
      })
      .on('error', reject);
  });
}

/**
 * The virtual clock of an emulator running in another process (`--host-only`): read once, then re-read every
 * SYNC_MS and extrapolated at its speed in between. Never goes back (a read that lands earlier than an extrapolation
 * holds time still until it catches up), so timers and the app see time move forward only.
 */
export async function remoteWorldClock(emulatorUrl: string, caPem: string): Promise<WorldClock & { stop(): void }> {
  let reading = await readClock(emulatorUrl, caPem);
  let last = reading.nowMs;
  const timer = setInterval(() => {
    readClock(emulatorUrl, caPem).then(
      (r) => (reading = r),
      () => undefined, // the world is restarting or gone: keep extrapolating; the host's calls will say what is wrong
    );
  }, SYNC_MS);
  timer.unref();
  return {
    nowMs: () => (last = Math.max(last, reading.nowMs + (Date.now() - reading.at) * reading.speed)),
    speed: () => reading.speed,
    stop: () => clearInterval(timer),
  };
}
