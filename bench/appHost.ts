/**
 * The app under test in a process of its own: the compiled function app (package.json "main",
 * dist/src/functions/*.js) loaded by the devhost's FunctionHost exactly as `npm start` serves it, configured only
 * through app settings (environment), so it builds its production composition (src/composition.ts) once, with its
 * ARM, Log Analytics and Table clients built once for the process. Started by bench/support/benchProcesses.ts.
 *
 * Two things differ from Azure, both outside the app: timers do not fire on their own (the benchmark invokes a
 * timer function when it wants a tick, over IPC, and gets its duration back), and the app's clock is the emulator's
 * frozen virtual clock, handed over IPC before each jump (the composition's `useClock` hook, as the devhost does
 * in-process). Invocation durations and the process's peak RSS are reported on request.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { FunctionHost } from '../devhost/FunctionHost';
import { expandMainGlob, loadFunctionApp } from '../devhost/loadFunctionApp';
import { invokeFunction } from '../devhost/invokeFunction';
import type { TimerInput } from '../devhost/timerScheduler';
import { useClock } from '../src/composition';
import { cpuMs } from './support/benchResult';

export interface AppHostStart {
  readonly rootDir: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly nowMs: number;
}

export type AppRequest =
  | { readonly id: number; readonly type: 'clock'; readonly nowMs: number }
  | { readonly id: number; readonly type: 'invoke'; readonly name: string }
  | { readonly id: number; readonly type: 'stats' };

export interface AppStats {
  readonly maxRssKb: number;
  /** CPU time (user + system) the process has used since it started, ms. */
  readonly cpuMs: number;
  /** Invocation durations (ms) per function since start, as the host logged them. */
  readonly durations: Readonly<Record<string, readonly number[]>>;
  readonly failures: number;
  readonly lastFailure?: string;
}

export type AppReply =
  | { readonly type: 'ready'; readonly url: string; readonly loadMs: number }
  | { readonly type: 'failed'; readonly error: string }
  | { readonly type: 'reply'; readonly id: number; readonly ok: boolean; readonly ms?: number; readonly error?: string; readonly stats?: AppStats };

const EXECUTED = /^Executed 'Functions\.([^']+)' \((Succeeded|Failed), Id=[^,]+, Duration=(\d+)ms\)/;

async function main(): Promise<void> {
  const start = JSON.parse(process.argv[2] ?? '') as AppHostStart;
  Object.assign(process.env, start.settings);
  let nowMs = start.nowMs;
  const durations: Record<string, number[]> = {};
  let failures = 0;
  let lastFailure: string | undefined;
  const verbose = process.env.BENCH_APP_LOG === '1';
  const log = (line: string): void => {
    if (verbose) process.stderr.write(`[app] ${line}\n`);
    const m = EXECUTED.exec(line);
    if (!m) return;
    (durations[m[1] as string] ??= []).push(Number(m[3]));
    if (m[2] === 'Failed') {
      failures++;
      lastFailure = line.slice(0, 2000);
    }
  };
  const t = performance.now();
  const requireApp = createRequire(path.join(start.rootDir, 'package.json'));
  const functions = await loadFunctionApp(expandMainGlob(start.rootDir, 'dist/src/functions/*.js'), (file) => Promise.resolve(requireApp(file) as unknown));
  // dist/bench/appHost.js and dist/src/functions/*.js share one dist/src/composition.js module instance.
  useClock({ nowIso: () => new Date(nowMs).toISOString() });
  const loadMs = performance.now() - t;
  const host = new FunctionHost({ functions, settings: start.settings, timers: false, log, routePrefix: 'api' });
  const url = await host.listen(0);
  const byName = new Map(functions.map((f) => [f.name, f]));

  const reply = (message: AppReply): void => void process.send?.(message);
  process.on('message', (raw: unknown) => {
    if (raw === 'stop') {
      void host.close().then(() => process.exit(0));
      return;
    }
    const request = raw as AppRequest;
    if (request.type === 'clock') {
      nowMs = request.nowMs;
      reply({ type: 'reply', id: request.id, ok: true });
    } else if (request.type === 'stats') {
      reply({ type: 'reply', id: request.id, ok: true, stats: { maxRssKb: process.resourceUsage().maxRSS, cpuMs: cpuMs(), durations, failures, ...(lastFailure ? { lastFailure } : {}) } });
    } else {
      const fn = byName.get(request.name);
      if (!fn) return reply({ type: 'reply', id: request.id, ok: false, error: `no function ${request.name}` });
      const iso = new Date(nowMs).toISOString();
      const input: TimerInput = { isPastDue: false, schedule: { adjustForDST: true }, scheduleStatus: { last: iso, next: iso, lastUpdated: iso } };
      const t0 = performance.now();
      invokeFunction(fn, input, { reason: 'Timer fired', log }).then(
        () => reply({ type: 'reply', id: request.id, ok: true, ms: performance.now() - t0 }),
        (error: unknown) => reply({ type: 'reply', id: request.id, ok: false, ms: performance.now() - t0, error: String((error as Error).cause ?? error) }),
      );
    }
  });
  process.on('disconnect', () => process.exit(0));
  reply({ type: 'ready', url, loadMs });
}

main().catch((error: unknown) => {
  process.send?.({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies AppReply);
  process.exit(1);
});
