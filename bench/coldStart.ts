/**
 * Benchmark (issue 16): cold start of the function app, the part that is ours: a fresh Node process loads every
 * function module as the Node worker does (every file package.json "main" matches, each registering its
 * functions), measured inside that process. Twice: the tsc output as deployed today (dist/src/functions/*.js,
 * each requiring its modules and node_modules file by file), and one esbuild bundle of the same entry files
 * (esbuild is a pinned dev dependency; `@azure/functions-core` stays external because the worker supplies it).
 *
 *   npm run build && node dist/bench/coldStart.js [--quick]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { expandMainGlob } from '../devhost/loadFunctionApp';
import { figure, fmt, quick, runBench, stats, writeSection } from './support/benchResult';
import { ROOT } from './support/benchProcesses';

interface Load {
  readonly nodeStartMs: number;
  readonly loadMs: number;
  readonly totalMs: number;
  readonly functions: number;
  readonly rssKb: number;
}

function coldLoads(files: readonly string[], runs: number): Load[] {
  const loads: Load[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [path.join(__dirname, 'loadFunctions.js'), ...files], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'ignore'] });
    loads.push(JSON.parse(out) as Load);
  }
  return loads;
}

async function main(): Promise<void> {
  const started = performance.now();
  const runs = quick() ? 5 : 15;
  const files = expandMainGlob(ROOT, 'dist/src/functions/*.js');
  // Inside the repository so that modules the app loads by computed paths (createRequire) still resolve.
  const outfile = path.join(ROOT, 'dist', 'bench-bundle', 'functions.js');
  const bundleStart = performance.now();
  await build({
    stdin: { contents: files.map((f) => `require(${JSON.stringify(f)});`).join('\n'), resolveDir: ROOT, sourcefile: 'functions-entry.js' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['@azure/functions-core'],
    outfile,
    logLevel: 'error',
  });
  const bundleSeconds = (performance.now() - bundleStart) / 1000;
  const bundleBytes = fs.statSync(outfile).size;
  const plain = coldLoads(files, runs);
  const bundled = coldLoads([outfile], runs);
  const goal = { text: '< 300 ms', on: 'median' as const, ok: (v: number) => v < 300 };
  const functions = plain[0]?.functions ?? 0;
  if (bundled.some((l) => l.functions !== functions)) throw new Error(`the bundle registered ${bundled[0]?.functions} functions, the modules ${functions}`);
  const nodeStart = stats(plain.map((l) => l.nodeStartMs)).median;
  // Where the time goes: each runtime dependency alone in a fresh process (they share @azure/core-*, so the parts
  // overlap and do not add up to the whole).
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const perPackage = Object.keys(pkg.dependencies)
    .flatMap((name) => {
      try {
        return [{ name, ms: stats(coldLoads([name], quick() ? 1 : 3).map((l) => l.loadMs)).median }];
      } catch {
        return []; // not loadable by its package name (e.g. a package the app loads by file path)
      }
    })
    .sort((a, b) => b.ms - a.ms);
  const figures = [
    figure('load every function module (tsc output, as deployed)', 'ms', plain.map((l) => l.loadMs), goal),
    figure('load every function module (esbuild bundle)', 'ms', bundled.map((l) => l.loadMs), goal),
    figure('process start → all functions registered (tsc output)', 'ms', plain.map((l) => l.totalMs)),
    figure('process start → all functions registered (bundle)', 'ms', bundled.map((l) => l.totalMs)),
    figure('peak RSS after loading (tsc output)', 'MB', plain.map((l) => l.rssKb / 1024)),
  ];
  writeSection({
    title: 'Cold start',
    measures: `A fresh \`node\` process per sample (${runs} each) requires every entry file package.json "main" matches (${files.length} files, ${functions} functions registered), after installing the devhost's stand-in for the worker's \`@azure/functions-core\`; the time is taken inside the process from the first line of the loader to the last registration. "Bundled" loads one esbuild bundle of the same entry files (${(bundleBytes / 1e6).toFixed(1)} MB, built in ${bundleSeconds.toFixed(1)} s).`,
    leavesOut: `Node's own start-up before the loader runs (median ${fmt(nodeStart)} ms here, shown in the "process start →" figures); the Functions host and the Node worker starting (Azure's, not ours; seconds on a Consumption plan); the first invocation building the services and their clients (measured under History over HTTP as the warm-up requests).`,
    figures,
    notes: [
      `Each runtime dependency required alone in a fresh process (median ms; they share @azure/core-*, so the parts overlap): ${perPackage.map((p) => `${p.name} ${fmt(p.ms)}`).join(', ')}.`,
      ...(figures.slice(0, 2).some((f) => f.met === false)
        ? [
            'Why the goal is missed: every function module imports the composition root, which imports every adapter and so every Azure SDK (identity, both ARM clients, Tables, Log Analytics) at load time; the composition already builds clients lazily, but the requires are eager. A bundle saves the file-by-file module resolution, not the evaluation. What it would take: defer the SDK requires to first use (or bundle with lazily evaluated modules), and measure on a machine not shared with other builds.',
          ]
        : []),
      'The bundle is measured, not shipped: deployment still packages the tsc output (package.json "main" = dist/src/functions/*.js).',
    ],
    wallSeconds: (performance.now() - started) / 1000,
  });
}

runBench(main);
