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
const LEGACY_MARK = 'bench-legacy';

const comment = (mark: string, value: unknown): string => `<!-- ${mark} ${JSON.stringify(value).replace(/--/g, '-\\u002d')} -->`;
const comments = <T>(markdown: string, mark: string): T[] => [...markdown.matchAll(new RegExp(`<!-- ${mark} (.*?) -->`, 'g'))].map((m) => JSON.parse(m[1] ?? '{}') as T);

/** The record as an HTML comment (`--` is escaped inside JSON strings, so the comment cannot end early). */
export function recordComment(record: BenchRecord): string {
  return comment(MARK, record);
}

/** A kept older section as an HTML comment, so a later --only run keeps it again as it was first read. */
export function legacyComment(legacy: LegacySection): string {
  return comment(LEGACY_MARK, legacy);
}

/**
 * The records embedded in a BENCHMARKS.md, and the kept sections of files written before records (embedded, or
 * read from such a file itself), by benchmark name. A quick run's figures are never kept.
 */
export function readBenchmarksFile(markdown: string, names: readonly string[]): { records: Map<string, BenchRecord>; legacy: Map<string, LegacySection> } {
  const records = new Map<string, BenchRecord>();
  for (const record of comments<BenchRecord>(markdown, MARK)) if (names.includes(record.name) && !record.quick) records.set(record.name, record);
  const legacy = new Map<string, LegacySection>();
  for (const kept of comments<LegacySection>(markdown, LEGACY_MARK)) if (names.includes(kept.name) && !records.has(kept.name)) legacy.set(kept.name, kept);
  if (markdown.includes('**This is a quick run') || markdown.includes(`<!-- ${MARK} `) || markdown.includes(`<!-- ${LEGACY_MARK} `)) return { records, legacy };
  // A file from before records: its sections verbatim, with the date and commit of its header.
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
