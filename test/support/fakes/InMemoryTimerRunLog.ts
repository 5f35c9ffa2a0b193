import type { TimerRun, TimerRunLog } from '../../../src/ports';

/** TimerRunLog kept in memory: for unit tests, and the twin of TableTimerRunLog in the contract suite. */
export class InMemoryTimerRunLog implements TimerRunLog {
  private readonly runs = new Map<string, TimerRun>();

  upsertTimerRun(run: TimerRun): Promise<void> {
    this.runs.set(run.functionName, { ...run });
    return Promise.resolve();
  }

  listTimerRuns(): Promise<readonly TimerRun[]> {
    return Promise.resolve([...this.runs.values()].sort((a, b) => a.functionName.localeCompare(b.functionName)));
  }
}
