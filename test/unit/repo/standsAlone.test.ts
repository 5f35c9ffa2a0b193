import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');

/** A relative path into the folder that sits beside a checkout (the team's notes): a clone has no such folder. */
const OUTSIDE = /(?:^|[^\w.])\.\.\/(?:\.\.\/)*shared\b/;

function trackedFiles(): string[] {
  // Tracked and untracked-but-not-ignored files: what a clone (or the next commit) would contain.
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT });
  return out.toString('utf8').split('\0').filter((f) => f !== '' && f !== 'package-lock.json');
}

describe('the repository stands alone', () => {
  it('no file refers to the shared folder beside the repository', () => {
    const offenders: string[] = [];
    for (const file of trackedFiles()) {
      let text: string;
      try {
        text = readFileSync(path.join(ROOT, file), 'utf8');
      } catch (error) {
        // A file deleted in the working tree but still tracked: nothing to read.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      text.split('\n').forEach((line, i) => {
        if (OUTSIDE.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('the guard recognises what it must refuse (negative control)', () => {
    // Built from parts so that this file does not trip its own guard.
    const beside = ['..', 'shared'].join('/');
    for (const line of [`path.resolve(__dirname, '../../${beside}/fixtures')`, `see [x](${beside}/DESIGN.md)`, `'${beside}'`]) {
      expect(OUTSIDE.test(line), line).toBe(true);
    }
    for (const line of ["'../fixtures/azure'", 'shared secret', 'sharedKey', "'./shared/x'"]) {
      expect(OUTSIDE.test(line), line).toBe(false);
    }
  });
});
