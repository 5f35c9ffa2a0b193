/**
 * `npm run bench`: every benchmark in turn, each in its own process (those that exercise the app start a cloud
 * process and an app process of their own), then BENCHMARKS.md at the repository root from their results.
 * Benchmarks are never part of `npm test`: speed is measured here, behaviour is asserted there.
 *
 *   npm run bench                      # the full set (each benchmark bounded to BENCH_TIMEOUT_MINUTES)
 *   npm run bench -- --quick           # fewer rounds and smaller sizes (about 4 minutes), for trying changes
 *   npm run bench -- --only gateLatency,coldStart   # re-measures those two; their sections in BENCHMARKS.md are
 *                                                   # replaced, the others kept (each says its own commit and date)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fmt, quick, type BenchSection, type Figure } from './support/benchResult';
import { legacyComment, readBenchmarksFile, recordComment, type BenchRecord, type LegacySection } from './support/benchRecords';
import { ROOT } from './support/benchProcesses';

const BENCHES = ['coldStart', 'kqlEngine', 'releaseStorm', 'gateLatency', 'requestCounts', 'historyQueries'];
// Each benchmark is stopped after this long, so a run of record ends in bounded time even on a crowded machine; one
// that is stopped has no figures and says so.
const BENCH_TIMEOUT_MINUTES = 40;

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

/** What the file shows for one benchmark: a record (this run's or an earlier one's) or an older file's section. */
type Entry = { readonly kind: 'record'; readonly record: BenchRecord } | { readonly kind: 'legacy'; readonly legacy: LegacySection };

const anchorOf = (r: BenchRecord): string => `[${r.name}](#${(r.section?.title ?? r.name).toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')})`;

function statusLine(r: BenchRecord): string | undefined {
  if (r.section && r.exitCode === 0) return undefined;
  if (r.section && r.timedOut) return `**${r.name} was stopped after ${BENCH_TIMEOUT_MINUTES} minutes (the bound per benchmark); its section has what it finished before.**`;
  if (r.section) return `**${r.name} exited with ${r.exitCode} (its figures are above; a non-zero exit means a correctness check of the benchmark failed).**`;
  if (r.timedOut) return `**${r.name} was stopped after ${BENCH_TIMEOUT_MINUTES} minutes (the bound per benchmark) and produced no figures.**`;
  return `**${r.name} failed (exit ${r.exitCode}) and produced no figures; run \`node dist/bench/${r.name}.js\` to see why.**`;
}

function recordSection(r: BenchRecord): string[] {
  const s = r.section;
  if (!s) return [];
  return [
    `## ${s.title}`,
    '',
    `\`node dist/bench/${r.name}.js${r.quick ? ' --quick' : ''}\` · commit ${r.commit} · ${r.date} · Node ${r.node} · ${s.wallSeconds.toFixed(0)} s · load average before ${loads(r.loadBefore)}, after ${loads(r.loadAfter)}${s.appPeakRssKb === undefined ? '' : ` · app peak RSS ${(s.appPeakRssKb / 1024).toFixed(0)} MB`}`,
    '',
    recordComment(r),
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
  ];
}

/** An older file's section, its first line saying which run it came from. */
function legacySection(l: LegacySection): string[] {
  const [heading = '', ...rest] = l.body.split('\n');
  const body = rest.join('\n').replace(/^(`node dist\/bench\/[^`]+`) · /m, `$1 · commit ${l.commit} · ${l.date} (kept from an earlier BENCHMARKS.md) · `);
  return [heading, '', legacyComment(l), body, ''];
}

function render(entries: readonly Entry[], runDate: Date, commit: string, ranNow: readonly string[]): string {
  const cpus = os.cpus();
  const records = entries.flatMap((e) => (e.kind === 'record' ? [e.record] : []));
  const rss = [
    ...records.filter((r) => r.section?.appPeakRssKb !== undefined).map((r) => ({ name: r.name, mb: (r.section?.appPeakRssKb ?? 0) / 1024 })),
    ...entries.flatMap((e) => {
      const mb = e.kind === 'legacy' ? /app peak RSS (\d+) MB/.exec(e.legacy.body)?.[1] : undefined;
      return e.kind === 'legacy' && mb ? [{ name: e.legacy.name, mb: Number(mb) }] : [];
    }),
  ];
  const quickRun = records.some((r) => r.quick);
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (bench/runAll.ts); do not edit by hand. \`npm run bench -- --only <name>[,<name>]\` replaces those benchmarks' sections and keeps the others. Each section says the commit, date, Node version and load average it was measured with; a goal that is missed says so, and its section says why.`,
    quickRun ? '\n**This is a quick run (fewer rounds, smaller sizes): not the figures of record.**' : '',
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} logical cores |`,
    `| memory | ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB |`,
    `| OS | ${os.type()} ${os.release()} (${os.arch()}) |`,
    `| last written | ${runDate.toISOString()} at ${commit} (benchmarks run then: ${ranNow.join(', ') || 'none'}) |`,
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
    ...entries.flatMap((e) => (e.kind === 'legacy' ? e.legacy.summaryRows : (e.record.section?.figures ?? []).map((f) => figureRow(f, anchorOf(e.record))))),
    rss.length === 0 ? '' : `| all | peak RSS of the app process (largest of: ${rss.map((r) => `${r.name} ${r.mb.toFixed(0)}`).join(', ')}) | ${Math.max(...rss.map((r) => r.mb)).toFixed(0)} | — | MB | ${rss.length} | — | — |`,
    '',
    ...records.flatMap((r) => {
      const line = statusLine(r);
      return line ? [`${line}\n`] : [];
    }),
  ];
  for (const e of entries) lines.push(...(e.kind === 'legacy' ? legacySection(e.legacy) : recordSection(e.record)));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function main(): void {
  const started = new Date();
  const t0 = performance.now();
  // Taken before the run: the checkout may move on while the benchmarks run from a copy of its build. BENCHMARKS.md
  // itself does not make the checkout dirty (an earlier --only run rewrote it).
  const dirty = git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':(exclude)BENCHMARKS.md']) !== '';
  const commit = `${git(['rev-parse', 'HEAD'])}${dirty ? ' (with uncommitted changes)' : ''} on ${git(['rev-parse', '--abbrev-ref', 'HEAD'])}`;
  const onlyArg = process.argv.indexOf('--only');
  const only = onlyArg >= 0 ? (process.argv[onlyArg + 1] ?? '').split(',') : undefined;
  const unknown = (only ?? []).filter((n) => !BENCHES.includes(n));
  if (unknown.length > 0) throw new Error(`--only: no benchmark named ${unknown.join(', ')} (known: ${BENCHES.join(', ')})`);
  const ran: BenchRecord[] = [];
  for (const name of BENCHES.filter((b) => only === undefined || only.includes(b))) {
    console.log(`\n=== ${name} (${new Date().toISOString()}, load ${loads(os.loadavg())})`);
    const resultFile = path.join(os.tmpdir(), `bench-${name}-${randomUUID()}.json`);
    const loadBefore = os.loadavg();
    const date = new Date().toISOString();
    const t = performance.now();
    const run = spawnSync(process.execPath, [path.join(__dirname, `${name}.js`), ...(quick() ? ['--quick'] : [])], { stdio: 'inherit', env: { ...process.env, BENCH_RESULT_FILE: resultFile }, timeout: BENCH_TIMEOUT_MINUTES * 60_000 });
    // A benchmark stopped at its bound may have saved the steps it finished (bench/support/benchResult.ts saveSection).
    const section = fs.existsSync(resultFile) ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as BenchSection) : undefined;
    fs.rmSync(resultFile, { force: true });
    fs.rmSync(`${resultFile}.tmp`, { force: true });
    ran.push({ name, section, exitCode: run.status, timedOut: run.error?.message.includes('ETIMEDOUT') ?? false, seconds: (performance.now() - t) / 1000, loadBefore, loadAfter: os.loadavg(), commit, date, node: process.version, cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`, quick: quick() });
  }
  // A full run writes the file of record anew. A partial run (--only) replaces its benchmarks' sections in it and
  // keeps the others as they were (each says its own commit, date and load); a quick partial run never touches it.
  const record = path.join(REPO, 'BENCHMARKS.md');
  const out = only && quick() ? path.join(os.tmpdir(), 'BENCHMARKS-partial.md') : record;
  const earlier = only && !quick() && fs.existsSync(record) ? readBenchmarksFile(fs.readFileSync(record, 'utf8'), BENCHES) : { records: new Map<string, BenchRecord>(), legacy: new Map<string, LegacySection>() };
  const entries = BENCHES.flatMap((name): Entry[] => {
    const now = ran.find((r) => r.name === name);
    if (now) return [{ kind: 'record', record: now }];
    const kept = earlier.records.get(name);
    if (kept) return [{ kind: 'record', record: kept }];
    const legacy = earlier.legacy.get(name);
    return legacy ? [{ kind: 'legacy', legacy }] : [];
  });
  fs.writeFileSync(out, render(entries, started, commit, ran.map((r) => r.name)));
  console.log(`\nWrote ${out} (${ran.map((r) => r.name).join(', ')} measured now${entries.length > ran.length ? `; kept: ${entries.filter((e) => !ran.some((r) => r.name === (e.kind === 'record' ? e.record.name : e.legacy.name))).map((e) => (e.kind === 'record' ? e.record.name : e.legacy.name)).join(', ')}` : ''}) in ${((performance.now() - t0) / 60_000).toFixed(1)} min`);
  process.exitCode = ran.every((r) => r.exitCode === 0) ? 0 : 1;
}

main();
