import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { request } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CloudEndpoints, CloudMessage, CloudWorld } from '../cloud';
import type { AppHostStart, AppReply, AppRequest, AppStats } from '../appHost';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The repository root, from dist/bench/support. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST_BENCH = path.resolve(__dirname, '..');

export interface Cloud {
  readonly endpoints: CloudEndpoints;
  /** CPU time (user + system) the cloud process has used since it started, ms. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

export interface App {
  readonly url: string;
  readonly loadMs: number;
  /** Moves the app's clock (the emulator's virtual time, epoch ms); resolves once the app has it. */
  setClock(nowMs: number): Promise<void>;
  /** Invokes a timer function the way the host's scheduler would; resolves with its duration when it finished. */
  invokeTimer(name: string): Promise<{ ok: boolean; ms: number; error?: string }>;
  stats(): Promise<AppStats>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

function firstMessage<T>(child: ChildProcess, what: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs} ms`)), timeoutMs);
    child.once('message', (m: unknown) => {
      clearTimeout(timer);
      const msg = m as { type: string; error?: string };
      if (msg.type === 'failed') reject(new Error(`${what} failed to start: ${msg.error}`));
      else resolve(m as T);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code} before it was ready`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.send('stop');
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited(child);
  clearTimeout(killer);
}

/** Starts the emulator and Azurite in their own process (bench/cloud.ts). */
export async function startCloud(world: CloudWorld): Promise<Cloud> {
  const child = fork(path.join(DIST_BENCH, 'cloud.js'), [JSON.stringify(world)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: profileArgs(process.env.BENCH_CLOUD_CPU_PROF) });
  const ready = await firstMessage<CloudMessage & { type: 'ready' }>(child, 'the cloud process', 15 * 60_000);
  const cpuMs = (): Promise<number> =>
    new Promise((resolve) => {
      const onMessage = (m: unknown): void => {
        const msg = m as CloudMessage;
        if (msg.type !== 'cpu') return;
        child.off('message', onMessage);
        resolve(msg.cpuMs);
      };
      child.on('message', onMessage);
      child.send('cpu');
    });
  return { endpoints: ready.endpoints, cpuMs, stop: () => stopChild(child) };
}

/**
 * Opt-in CPU profiles of the child processes: BENCH_APP_CPU_PROF / BENCH_CLOUD_CPU_PROF name a directory where node
 * writes one .cpuprofile per process when it exits (open it in Chrome DevTools or VS Code).
 */
const profileArgs = (dir: string | undefined): string[] => [...process.execArgv, ...(dir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(dir)] : [])];

/** A CA file path for a scenario world's emulator (removed by the emulator when it stops). */
export const caFilePath = (): string => path.join(os.tmpdir(), `bench-ca-${randomUUID()}.pem`);

/** Writes a Conductor configuration (JSON is YAML) to the temp dir and returns its path. */
export function writeConductorConfig(config: unknown): string {
  const file = path.join(os.tmpdir(), `bench-conductor-${randomUUID()}.json`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * The app settings a deployed app would have, pointed at the cloud process. ARM_POLL_INTERVAL_IN_MS is left
 * unset (production default 2,000 ms); timer schedules are named because the host resolves %SETTING% references.
 */
export function appSettings(endpoints: CloudEndpoints, configFile: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    FUNCTIONS_WORKER_RUNTIME: 'node',
    // Names the trusted principal source so the app does not warn on every start; no route measured here reads a principal.
    CONDUCTOR_PRINCIPAL_SOURCE: 'localDevelopment',
    AzureWebJobsStorage: endpoints.storageConnectionString,
    CONDUCTOR_TABLE_PREFIX: 'bench',
    CONDUCTOR_CONFIG_PATH: configFile,
    RECONCILE_SCHEDULE: '0 */1 * * * *',
    RELEASE_POLL_SCHEDULE: '30 */5 * * * *',
    ARM_ENDPOINT: endpoints.armUrl,
    LOGS_ENDPOINT: `${endpoints.armUrl}/v1`,
    AZURE_CA_FILE: endpoints.caFile,
    AZURE_CREDENTIAL: 'managedidentity',
    IDENTITY_ENDPOINT: endpoints.identityEndpoint,
    IDENTITY_HEADER: endpoints.identityHeader,
    ...extra,
  };
}

/** Starts the function app under the devhost's FunctionHost in its own process (bench/appHost.ts). */
export async function startApp(settings: Readonly<Record<string, string>>, nowMs: number): Promise<App> {
  const start: AppHostStart = { rootDir: ROOT, settings, nowMs };
  // The app's own environment is its settings only (plus PATH), as on a Functions worker.
  const child = fork(path.join(DIST_BENCH, 'appHost.js'), [JSON.stringify(start)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: profileArgs(process.env.BENCH_APP_CPU_PROF), env: { PATH: process.env.PATH ?? '', ...(process.env.BENCH_APP_LOG ? { BENCH_APP_LOG: process.env.BENCH_APP_LOG } : {}) } });
  const ready = await firstMessage<AppReply & { type: 'ready' }>(child, 'the app process', 60_000);
  let nextId = 0;
  const pending = new Map<number, (reply: AppReply & { type: 'reply' }) => void>();
  child.on('message', (m: unknown) => {
    const reply = m as AppReply;
    if (reply.type !== 'reply') return;
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  const ask = (request: DistributiveOmit<AppRequest, 'id'>): Promise<AppReply & { type: 'reply' }> =>
    new Promise((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      child.send({ ...request, id });
    });
  return {
    url: ready.url,
    loadMs: ready.loadMs,
    setClock: async (ms) => void (await ask({ type: 'clock', nowMs: ms })),
    invokeTimer: async (name) => {
      const r = await ask({ type: 'invoke', name });
      return { ok: r.ok, ms: r.ms ?? NaN, ...(r.error ? { error: r.error } : {}) };
    },
    stats: async () => {
      const r = await ask({ type: 'stats' });
      if (!r.stats) throw new Error('the app process sent no stats');
      return r.stats;
    },
    stop: () => stopChild(child),
  };
}

/** The emulator's control API and request log, over HTTPS from this (the load generator's) process. */
export class CloudControl {
  private readonly dispatcherCa: string;
  constructor(private readonly endpoints: CloudEndpoints) {
    this.dispatcherCa = fs.readFileSync(endpoints.caFile, 'utf8');
  }

  get caPem(): string {
    return this.dispatcherCa;
  }

  call<T>(method: string, route: string, body?: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      const req = request(new URL(`${this.endpoints.armUrl}${route}`), { method, ca: this.dispatcherCa, headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 400) reject(new Error(`${method} ${route}: ${res.statusCode} ${text}`));
          else resolve((text ? JSON.parse(text) : undefined) as T);
        });
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  async requests(query = ''): Promise<LoggedCall[]> {
    return (await this.call<{ value: LoggedCall[] }>('GET', `/_emulator/requests${query}`)).value;
  }

  clearRequests(): Promise<void> {
    return this.call('DELETE', '/_emulator/requests');
  }

  async nowMs(): Promise<number> {
    return (await this.call<{ nowMs: number }>('GET', '/_emulator/clock')).nowMs;
  }

  /**
   * Advances virtual time, the app's clock first: the app never sees an event from a future it has not reached
   * (between the two it is merely ahead, with nothing to do).
   */
  async advance(app: App, seconds: number): Promise<void> {
    await app.setClock((await this.nowMs()) + seconds * 1000);
    await this.call('POST', '/_emulator/clock', { advanceSeconds: seconds });
  }
}

export interface LoggedCall {
  readonly seq: number;
  readonly time: string;
  readonly service: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
}
