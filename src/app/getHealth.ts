import type { Clock, TimerRun, TimerRunLog } from '../ports';
import type { CallerTrust } from './security/callerTrust';
import { errorMessage } from './errorMessage';

/** Whether approvals can work: a usable APPROVAL_TOKEN_KEY (undefined reason when enabled). */
export interface ApprovalsStatus {
  readonly enabled: boolean;
  /** Names the setting and what is wrong with it. */
  readonly reason?: string;
  /** The key is set but unusable (e.g. an unresolved Key Vault reference): health reports degraded. */
  readonly misconfigured?: boolean;
}

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
  /**
   * `degraded` when state storage cannot be read or the configuration is invalid (the app cannot decide anything
   * safely then), or when a fleet is blocked by a held run or a gate is held Inconclusive (someone has to act).
   */
  readonly status: 'ok' | 'degraded';
  readonly version: string;
  readonly checkedAt: string;
  readonly functions: readonly FunctionInfo[];
  readonly timers: readonly TimerStatus[];
  readonly problems: readonly string[];
  /** Approvals on or off, and why (a missing or unresolved APPROVAL_TOKEN_KEY disables them, nothing else). */
  readonly approvals: ApprovalsStatus;
  /** Where signed-in callers come from and whether they are believed (approval and operator routes need it). */
  readonly callers: { readonly source: string | null; readonly trusted: boolean; readonly reason?: string };
}

export interface GetHealthDeps {
  readonly timerRuns: TimerRunLog;
  readonly clock: Clock;
  readonly version: string;
  /** Problems of the configuration the app runs with (each makes the app unable to decide safely). */
  readonly configurationProblems?: () => readonly string[];
  readonly callerTrust?: CallerTrust;
  readonly approvalsStatus?: ApprovalsStatus;
  /** Where the internal error text of a failed storage read goes (never into the anonymous answer). */
  readonly log?: { warn(message: string): void };
  /** Fleets blocked by held runs and held gates, one line each (lifecycleProblems). */
  readonly lifecycleProblems?: () => Promise<readonly string[]>;
}

/**
 * Reports what the app serves and when each timer last ran. Never throws for a storage failure: it reports it, in
 * words of its own (the route is anonymous; the storage error text goes to the log only).
 */
export async function getHealth(deps: GetHealthDeps, functions: readonly FunctionInfo[]): Promise<HealthReport> {
  const problems: string[] = [];
  let runs: readonly TimerRun[] = [];
  try {
    runs = await deps.timerRuns.listTimerRuns();
  } catch (error) {
    problems.push('state storage unreadable (details in the app log)');
    deps.log?.warn(`Health: state storage unreadable: ${errorMessage(error)}`);
  }
  problems.push(...(deps.configurationProblems?.() ?? []));
  if (deps.lifecycleProblems && problems.length === 0) {
    try {
      problems.push(...(await deps.lifecycleProblems()));
    } catch (error) {
      problems.push('run lifecycle unreadable (details in the app log)');
      deps.log?.warn(`Health: run lifecycle unreadable: ${errorMessage(error)}`);
    }
  }
  // A setting that is present but unusable is a deployment fault worth a degraded status; an unset one is a choice.
  if (deps.approvalsStatus?.misconfigured === true && deps.approvalsStatus.reason !== undefined) problems.push(deps.approvalsStatus.reason);
  if (deps.callerTrust?.source !== undefined && !deps.callerTrust.trusted && deps.callerTrust.reason !== undefined) problems.push(deps.callerTrust.reason);
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
    approvals: deps.approvalsStatus ?? { enabled: true },
    callers: deps.callerTrust
      ? { source: deps.callerTrust.source ?? null, trusted: deps.callerTrust.trusted, ...(deps.callerTrust.reason === undefined ? {} : { reason: deps.callerTrust.reason }) }
      : { source: null, trusted: false, reason: 'no principal source configured' },
  };
}
