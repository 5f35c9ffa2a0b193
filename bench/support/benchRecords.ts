import type { BenchSection } from './benchResult';

/**
 * One benchmark's run as BENCHMARKS.md keeps it: its section and the run it came from (commit, date, machine, load).
 * Each section of the file carries its record as an HTML comment, so `npm run bench -- --only <name>` can replace
 * that benchmark's section and keep the others, each still saying where and when it was measured.
 */
export interface BenchRecord {
  readonly name: string;
  readonly section: BenchSection | undefined;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly seconds: number;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  /** `<sha> on <branch>`, with "(with uncommitted changes)" when the checkout was dirty. */
  readonly commit: string;
  /** When the benchmark started (ISO). */
  readonly date: string;
  readonly node: string;
  readonly cpu: string;
  readonly quick: boolean;
}

/**
 * A section of a BENCHMARKS.md written before records were embedded: kept verbatim (its summary rows and its text),
 * with the date and commit of the run that wrote that file.
 */
export interface LegacySection {
  readonly name: string;
  readonly summaryRows: readonly string[];
  readonly body: string;
  readonly commit: string;
  readonly date: string;
}

const MARK = 'bench-record';

/** The record as an HTML comment (`--` is escaped inside JSON strings, so the comment cannot end early). */
export function recordComment(record: BenchRecord): string {
  return `<!-- ${MARK} ${JSON.stringify(record).replace(/--/g, '-\\u002d')} -->`;
}

/** The records embedded in a BENCHMARKS.md, and the sections of an older file that has none, by benchmark name. */
export function readBenchmarksFile(markdown: string, names: readonly string[]): { records: Map<string, BenchRecord>; legacy: Map<string, LegacySection> } {
  const records = new Map<string, BenchRecord>();
  for (const m of markdown.matchAll(new RegExp(`<!-- ${MARK} (.*?) -->`, 'g'))) {
    const record = JSON.parse(m[1] ?? '{}') as BenchRecord;
    if (names.includes(record.name)) records.set(record.name, record);
  }
  const legacy = new Map<string, LegacySection>();
  // A quick run is never kept as a figure of record.
  if (records.size > 0 || markdown.includes('**This is a quick run')) return { records, legacy };
  const cell = (row: string): string => new RegExp(`^\\| ${row} \\| (.*?) \\|$`, 'm').exec(markdown)?.[1] ?? 'unknown';
  const date = cell('date').replace(/ \(wall .*\)$/, '');
  const commit = cell('commit');
  const chunks = markdown.split(/\n(?=## )/);
  for (const name of names) {
    const body = chunks.find((c) => c.startsWith('## ') && c.includes(`\n\`node dist/bench/${name}.js`));
    if (!body) continue;
    const summaryRows = markdown.split('\n').filter((l) => l.startsWith(`| [${name}](#`));
    legacy.set(name, { name, summaryRows, body: body.trim(), commit, date });
  }
  return { records, legacy };
}
