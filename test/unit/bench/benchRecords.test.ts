import { describe, expect, it } from 'vitest';
import { legacyComment, readBenchmarksFile, recordComment, type BenchRecord } from '../../../bench/support/benchRecords';

const NAMES = ['coldStart', 'requestCounts', 'historyQueries'];

const record = (name: string, note: string): BenchRecord => ({
  name,
  section: { title: `T ${name}`, measures: 'm', leavesOut: 'l', figures: [], notes: [note], wallSeconds: 1 },
  exitCode: 0,
  timedOut: false,
  seconds: 1,
  loadBefore: [1, 2, 3],
  loadAfter: [1, 2, 3],
  commit: 'abc on main',
  date: '2026-12-06T22:00:00.000Z',
  node: 'v20.20.2',
  cpu: 'x × 2',
  quick: false,
});

describe('BENCHMARKS.md records (npm run bench -- --only keeps the other sections)', () => {
  it('reads back every embedded record, whatever its text holds (an HTML comment end inside a string cannot end it early)', () => {
    const a = record('coldStart', 'a note with --> and -- and <!-- inside');
    const b = record('historyQueries', 'plain');
    const file = `# Benchmarks\n\n## T coldStart\n\n${recordComment(a)}\n\ntext\n\n## T historyQueries\n\n${recordComment(b)}\n`;
    const { records, legacy } = readBenchmarksFile(file, NAMES);
    expect([...records.keys()]).toEqual(['coldStart', 'historyQueries']);
    expect(records.get('coldStart')).toEqual(a);
    expect(legacy.size).toBe(0);
  });

  it('keeps the sections and summary rows of a file written before records, with that file\'s date and commit', () => {
    const file = [
      '# Benchmarks',
      '',
      '| date | 2026-12-06T20:07:34.982Z (wall 43.4 min) |',
      '| commit | 9af1b6f on main |',
      '',
      '## Summary',
      '',
      '| [coldStart](#cold-start) | load | 148 | 195 | ms | 15 | 134–195 | < 300 ms: **met** |',
      '| [historyQueries](#history-over-http) | run detail | 14.1 | 22.6 | ms | 200 | 9.17–53.4 | p95 < 20 ms: **missed** |',
      '',
      '## Cold start',
      '',
      '`node dist/bench/coldStart.js` · 32 s · load average before 2.57 / 3.05 / 4.18',
      '',
      'cold text',
      '',
      '## History over HTTP',
      '',
      '`node dist/bench/historyQueries.js` · 114 s',
      '',
      'history text',
    ].join('\n');
    const { records, legacy } = readBenchmarksFile(file, NAMES);
    expect(records.size).toBe(0);
    expect([...legacy.keys()]).toEqual(['coldStart', 'historyQueries']);
    expect(legacy.get('coldStart')).toEqual({
      name: 'coldStart',
      summaryRows: ['| [coldStart](#cold-start) | load | 148 | 195 | ms | 15 | 134–195 | < 300 ms: **met** |'],
      body: '## Cold start\n\n`node dist/bench/coldStart.js` · 32 s · load average before 2.57 / 3.05 / 4.18\n\ncold text',
      commit: '9af1b6f on main',
      date: '2026-12-06T20:07:34.982Z',
    });
    expect(legacy.get('historyQueries')?.body).toBe('## History over HTTP\n\n`node dist/bench/historyQueries.js` · 114 s\n\nhistory text');
  });

  it('keeps an older section it kept before, as first read, beside records (a second --only run)', () => {
    const kept = { name: 'coldStart', summaryRows: ['| [coldStart](#cold-start) | x |'], body: '## Cold start\n\ntext --> more', commit: '9af1b6f on main', date: '2026-12-06T20:07:34.982Z' };
    const file = `# Benchmarks\n\n## Cold start\n\n${legacyComment(kept)}\n\n## T requestCounts\n\n${recordComment(record('requestCounts', 'n'))}\n`;
    const { records, legacy } = readBenchmarksFile(file, NAMES);
    expect([...records.keys()]).toEqual(['requestCounts']);
    expect(legacy.get('coldStart')).toEqual(kept);
    expect(legacy.size).toBe(1);
  });

  it('keeps nothing of a quick run', () => {
    expect(readBenchmarksFile('# Benchmarks\n\n**This is a quick run (fewer rounds)**\n\n## Cold start\n\n`node dist/bench/coldStart.js --quick` · 1 s\n', NAMES).legacy.size).toBe(0);
  });
});
