import type { Clock, TimerRun, TimerRunLog } from '../ports';

/** A function as the app registered it with the Functions runtime. */
export interface FunctionInfo {
  readonly name: string;
  readonly trigger: 'http' | 'timer' | 'eventGrid';
  readonly route?: string;
  readonly methods?: readonly string[];
  readonly authLevel?: string;
  readonly schedule?: string;
}

export interface TimerStatus {
  readonly name: string;
  readonly schedule: string;
  /** Undefined until the timer has run once against this storage account. */
  readonly lastRun: TimerRun | undefined;
}

export interface HealthReport {
  /** `degraded` when state storage cannot be read or the configuration is invalid: the app cannot decide anything safely then. */
  readonly status: 'ok' | 'degraded';
  readonly version: string;
  readonly checkedAt: string;
  readonly functions: readonly FunctionInfo[];
  readonly timers: readonly TimerStatus[];
  readonly problems: readonly string[];
}

export interface GetHealthDeps {
  readonly timerRuns: TimerRunLog;
  readonly clock: Clock;
  readonly version: string;
  /** Problems of the configuration the app runs with (each makes the app unable to decide safely). */
  readonly configurationProblems?: () => readonly string[];
}

/** Reports what the app serves and when each timer last ran. Never throws for a storage failure: it reports it. */
export async function getHealth(deps: GetHealthDeps, functions: readonly FunctionInfo[]): Promise<HealthReport> {
  const problems: string[] = [];
  let runs: readonly TimerRun[] = [];
  try {
    runs = await deps.timerRuns.listTimerRuns();
  } catch (error) {
    problems.push(`state storage unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
  problems.push(...(deps.configurationProblems?.() ?? []));
  const byName = new Map(runs.map((r) => [r.functionName, r]));
  const timers = functions
    .filter((f) => f.trigger === 'timer')
    .map((f) => ({ name: f.name, schedule: f.schedule ?? '', lastRun: byName.get(f.name) }));
  return {
    status: problems.length === 0 ? 'ok' : 'degraded',
    version: deps.version,
    checkedAt: deps.clock.nowIso(),
    functions,
    timers,
    problems,
  };
}
