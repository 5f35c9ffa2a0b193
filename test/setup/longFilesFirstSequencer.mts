import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files whose wall time is long and mostly waiting (the demo story on a virtual clock at 120×, child processes,
 * Chromium, the resilience trials' two hosts). vitest orders projects by name and, on a fresh clone with no timing
 * cache, files by size, so these small files started last and the run ended with one worker waiting on them.
 * Started first, the other worker keeps working meanwhile: the same work, a shorter run.
 */
const LONG_FILES = [
  'test/e2e/story.test.ts',
  'test/integration/resilience/fullTrials.test.ts',
  'test/e2e/hostRestart.test.ts',
  'test/integration/api/runControlApi.test.ts',
  'test/integration/gates/healthGates.test.ts',
  'test/integration/scale/releasePollRequests.test.ts',
  'test/integration/scale/reconcileTickRequests.test.ts',
];

export default class LongFilesFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification): number => {
      const index = LONG_FILES.findIndex((f) => spec.moduleId.replaceAll('\\', '/').endsWith(f));
      return index < 0 ? LONG_FILES.length : index;
    };
    return sorted.map((spec, i) => ({ spec, i })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i).map(({ spec }) => spec);
  }
}
