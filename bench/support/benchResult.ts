import fs from 'node:fs';
import { percentile } from './benchKit';

/**
 * What one benchmark hands to `npm run bench` (bench/runAll.ts), which renders every section into BENCHMARKS.md.
 * A benchmark writes its section as JSON to the file named by BENCH_RESULT_FILE (when set) and prints it too.
 */
export interface Figure {
  /** e.g. "event → gate completed, 50 gates together". */
  readonly name: string;
  readonly unit: string;
  /** Median of the samples (or the single value when `samples` is 1). */
  readonly median: number;
  readonly p95?: number;
  /** How many samples the median and p95 are over (deliveries, queries, gates, runs). */
  readonly samples: number;
  /** Lowest and highest sample. */
  readonly min?: number;
  readonly max?: number;
  /** The goal in words, e.g. "p50 < 500 ms"; absent when a figure has no goal. */
  readonly goal?: string;
  /** Whether the goal was met (undefined: no goal). */
  readonly met?: boolean;
}

export interface BenchSection {
  readonly title: string;
  /** What the section measures, how, and what it leaves out (markdown paragraphs). */
  readonly measures: string;
  readonly leavesOut: string;
  readonly figures: readonly Figure[];
  /** Extra lines: why a goal is missed and what it would take, sizes chosen and why, raw tables. */
  readonly notes: readonly string[];
  /** Peak resident set of the app process (kB), when the app ran in its own process. */
  readonly appPeakRssKb?: number;
  readonly wallSeconds: number;
}

export interface Stats {
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number;
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, samples: sorted.length };
}

/** A figure from samples, with its goal checked against the median (`on: 'median'`), the p95 or every sample (`max`). */
export function figure(name: string, unit: string, values: readonly number[], goal?: { text: string; on: 'median' | 'p95' | 'max'; ok: (v: number) => boolean }): Figure {
  const s = stats(values);
  return { name, unit, ...s, ...(goal ? { goal: goal.text, met: values.length > 0 && goal.ok(goal.on === 'median' ? s.median : goal.on === 'p95' ? s.p95 : s.max) } : {}) };
}

/** Whether the run asked for the short version (`npm run bench -- --quick`). */
export const quick = (): boolean => process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

/**
 * Writes the section to BENCH_RESULT_FILE without printing it: a benchmark that measures in steps saves what it has
 * after each one, so a run stopped at its bound (bench/runAll.ts) still has the finished steps' figures.
 */
export function saveSection(section: BenchSection): void {
  const file = process.env.BENCH_RESULT_FILE;
  if (!file) return;
  // Written beside and renamed over: a stop in the middle of the write leaves the previous section, not half a file.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(section, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

export function writeSection(section: BenchSection): void {
  saveSection(section);
  for (const f of section.figures) {
    const spread = f.min === undefined ? '' : ` [${fmt(f.min)}–${fmt(f.max ?? NaN)}]`;
    const goal = f.goal ? `  goal ${f.goal}: ${f.met ? 'met' : 'MISSED'}` : '';
    console.log(`${f.name}: median ${fmt(f.median)}${f.p95 === undefined ? '' : `, p95 ${fmt(f.p95)}`} ${f.unit} (n=${f.samples})${spread}${goal}`);
  }
  for (const n of section.notes) console.log(`  ${n}`);
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** Runs `main` and exits non-zero on an error, printing it. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** CPU time (user + system) this process has used since it started, ms. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
