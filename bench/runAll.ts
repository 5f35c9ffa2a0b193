/**
 * `npm run bench`: every benchmark in turn, each in its own process (those that exercise the app start a cloud
 * process and an app process of their own), then BENCHMARKS.md at the repository root from their results.
 * Benchmarks are never part of `npm test`: speed is measured here, behaviour is asserted there.
 *
 *   npm run bench                      # the full set (each benchmark bounded to BENCH_TIMEOUT_MINUTES)
 *   npm run bench -- --quick           # fewer rounds and smaller sizes (about 4 minutes), for trying changes
 *   npm run bench -- --only gateLatency,coldStart
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fmt, quick, type BenchSection, type Figure } from './support/benchResult';
import { ROOT } from './support/benchProcesses';

const BENCHES = ['coldStart', 'kqlEngine', 'releaseStorm', 'gateLatency', 'requestCounts', 'historyQueries'];
// Each benchmark is stopped after this long, so a run of record ends in bounded time even on a crowded machine; one
// that is stopped has no figures and says so.
const BENCH_TIMEOUT_MINUTES = 40;

interface Outcome {
  readonly name: string;
  readonly section: BenchSection | undefined;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly seconds: number;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
}

// BENCH_REPO: the checkout the built copy came from, when the benchmark runs from a copy of the build (so the
// checkout can be rebuilt meanwhile); the commit and the output file are then that checkout's.
const REPO = process.env.BENCH_REPO ?? ROOT;

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const loads = (l: readonly number[]): string => l.map((v) => v.toFixed(2)).join(' / ');

function figureRow(f: Figure, bench?: string): string {
  const spread = f.min === undefined || f.samples < 2 ? '—' : `${fmt(f.min)}–${fmt(f.max ?? NaN)}`;
  const goal = f.goal === undefined ? '—' : `${f.goal}: ${f.met ? '**met**' : '**missed**'}`;
  return `| ${bench === undefined ? '' : `${bench} | `}${f.name} | ${fmt(f.median)} | ${f.p95 === undefined || f.samples < 2 ? '—' : fmt(f.p95)} | ${f.unit} | ${f.samples} | ${spread} | ${goal} |`;
}

const TABLE_HEAD = ['| figure | median | p95 | unit | n | spread (min–max) | goal |', '|---|---|---|---|---|---|---|'];

function render(outcomes: readonly Outcome[], started: Date, wallSeconds: number, commit: string): string {
  const cpus = os.cpus();
  const sections = outcomes.filter((o) => o.section !== undefined);
  const rss = sections.filter((o) => o.section?.appPeakRssKb !== undefined).map((o) => ({ name: o.name, mb: (o.section?.appPeakRssKb ?? 0) / 1024 }));
  const anchor = (o: Outcome): string => `[${o.name}](#${(o.section?.title ?? o.name).toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')})`;
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${quick() ? ' -- --quick' : ''}\` (bench/runAll.ts); do not edit by hand. Every figure is measured on the machine below with the code at the commit below; a goal that is missed says so, and its section says why.`,
    quick() ? '\n**This is a quick run (fewer rounds, smaller sizes): not the figures of record.**' : '',
    '',
    '## Machine and run',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} logical cores |`,
    `| memory | ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB |`,
    `| OS | ${os.type()} ${os.release()} (${os.arch()}) |`,
    `| Node | ${process.version} |`,
    `| date | ${started.toISOString()} (wall ${(wallSeconds / 60).toFixed(1)} min) |`,
    `| commit | ${commit} |`,
    `| load average (1/5/15 min) | before each benchmark: ${outcomes.map((o) => `${o.name} ${loads(o.loadBefore)}`).join('; ')} |`,
    '',
    `The machine is shared (other builds and tests ran at the same time: a load average above ${cpus.length} means processes were waiting for a core), so latencies and rates here are upper bounds of what the code needs; request counts are exact and do not depend on load.`,
    '',
    '## How the app is run',
    '',
    'Every benchmark that exercises the app starts two processes besides its own (the load generator): the **cloud** (bench/cloud.ts: the Azure emulator for ARM, Log Analytics and Event Grid, and Azurite for Table Storage) and the **app** (bench/appHost.ts: the compiled function app, dist/src/functions/*.js, loaded and served by the devhost\'s FunctionHost as `npm start` serves it). The app is configured only through app settings and builds its production composition (src/composition.ts) once per process, clients included. ARM behaves as in production: long-running operations (update-run create and start, gate PATCH, strategy PUT) are answered asynchronously and polled at the app\'s default `ARM_POLL_INTERVAL_IN_MS` (2,000 ms). Two things differ from Azure, both outside the app: timers fire when a benchmark invokes them (over IPC, as the scheduler would), and the app\'s clock is the emulator\'s virtual clock (the composition\'s `useClock` hook, as in `npm start`).',
    '',
    '## Summary',
    '',
    '| benchmark | figure | median | p95 | unit | n | spread (min–max) | goal |',
    '|---|---|---|---|---|---|---|---|',
    ...sections.flatMap((o) => (o.section?.figures ?? []).map((f) => figureRow(f, anchor(o)))),
    rss.length === 0 ? '' : `| all | peak RSS of the app process (largest of: ${rss.map((r) => `${r.name} ${r.mb.toFixed(0)}`).join(', ')}) | ${Math.max(...rss.map((r) => r.mb)).toFixed(0)} | — | MB | ${rss.length} | — | — |`,
    '',
    ...outcomes.filter((o) => o.section === undefined || o.exitCode !== 0).map((o) => `**${o.name} ${o.section ? `exited with ${o.exitCode} (its figures are above; a non-zero exit means a correctness check of the benchmark failed)` : o.timedOut ? `was stopped after ${BENCH_TIMEOUT_MINUTES} minutes (the bound per benchmark) and produced no figures` : `failed (exit ${o.exitCode}) and produced no figures; run \`node dist/bench/${o.name}.js\` to see why`}.**\n`),
  ];
  for (const o of sections) {
    const s = o.section as BenchSection;
    lines.push(
      `## ${s.title}`,
      '',
      `\`node dist/bench/${o.name}.js${quick() ? ' --quick' : ''}\` · ${s.wallSeconds.toFixed(0)} s · load average before ${loads(o.loadBefore)}, after ${loads(o.loadAfter)}${s.appPeakRssKb === undefined ? '' : ` · app peak RSS ${(s.appPeakRssKb / 1024).toFixed(0)} MB`}`,
      '',
      `**Measures.** ${s.measures}`,
      '',
      `**Leaves out.** ${s.leavesOut}`,
      '',
      ...TABLE_HEAD,
      ...s.figures.map((f) => figureRow(f)),
      '',
      ...s.notes.map((n) => (n.startsWith('|') || n === '' ? n : `${n}\n`)),
      '',
    );
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function main(): void {
  const started = new Date();
  const t0 = performance.now();
  // Taken before the run: the checkout may move on while the benchmarks run from a copy of its build.
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  const commit = `${git(['rev-parse', 'HEAD'])}${dirty ? ' (with uncommitted changes)' : ''} on ${git(['rev-parse', '--abbrev-ref', 'HEAD'])}`;
  const onlyArg = process.argv.indexOf('--only');
  const only = onlyArg >= 0 ? (process.argv[onlyArg + 1] ?? '').split(',') : undefined;
  const outcomes: Outcome[] = [];
  for (const name of BENCHES.filter((b) => only === undefined || only.includes(b))) {
    console.log(`\n=== ${name} (${new Date().toISOString()}, load ${loads(os.loadavg())})`);
    const resultFile = path.join(os.tmpdir(), `bench-${name}-${randomUUID()}.json`);
    const loadBefore = os.loadavg();
    const t = performance.now();
    const run = spawnSync(process.execPath, [path.join(__dirname, `${name}.js`), ...(quick() ? ['--quick'] : [])], { stdio: 'inherit', env: { ...process.env, BENCH_RESULT_FILE: resultFile }, timeout: BENCH_TIMEOUT_MINUTES * 60_000 });
    const section = fs.existsSync(resultFile) ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as BenchSection) : undefined;
    fs.rmSync(resultFile, { force: true });
    outcomes.push({ name, section, exitCode: run.status, timedOut: run.error?.message.includes('ETIMEDOUT') ?? false, seconds: (performance.now() - t) / 1000, loadBefore, loadAfter: os.loadavg() });
  }
  // A partial run (--only) never replaces the file of record.
  const out = only ? path.join(os.tmpdir(), 'BENCHMARKS-partial.md') : path.join(REPO, 'BENCHMARKS.md');
  fs.writeFileSync(out, render(outcomes, started, (performance.now() - t0) / 1000, commit));
  console.log(`\nWrote ${out} (${((performance.now() - t0) / 60_000).toFixed(1)} min)`);
  process.exitCode = outcomes.every((o) => o.exitCode === 0) ? 0 : 1;
}

main();
