import type { TimerRun, TimerRunLog } from '../ports';

/** Keeps the latest outcome of a timer so operators can see a timer that stopped firing or keeps failing. */
export async function recordTimerRun(deps: { readonly timerRuns: TimerRunLog }, run: TimerRun): Promise<void> {
  await deps.timerRuns.upsertTimerRun(run);
}
