import type { AppLog, AuditEvent, Clock, TimerRun, TimerRunLog } from '../ports';
import { getHealth, type FunctionInfo, type HealthReport } from '../app/getHealth';
import { recordTimerRun } from '../app/recordTimerRun';
import type { GateDeps } from '../app/gates/gateDeps';
import { reconcileAllFleets, type ReconcileCycleSummary } from '../app/gates/reconcileAllFleets';
import { handleFleetGateEvent, type FleetGateEventOutcome } from '../app/gates/handleFleetGateEvent';
import type { ReleaseDeps } from '../app/releases/releaseDeps';
import { pollReleases, type PollSummary } from '../app/releases/pollReleases';
import { handleAksEvent, type AksEventOutcome } from '../app/releases/handleAksEvent';
import { listRuns } from '../app/history/listRuns';
import { getRunDetail } from '../app/history/getRunDetail';
import type { HistoryDeps } from '../app/history/historyDeps';
import { stopRun, type StopRunOutcome } from '../app/history/stopRun';
import { listRunEvents } from '../app/history/listRunEvents';
import type { RunDetail } from '../app/history/runDetail';
import type { ListRunsQuery, RunPage } from '../app/history/runSummary';
import { getFleetView, toFleetSummary } from '../app/fleets/getFleetView';
import { getPreflight } from '../app/preflight/runPreflight';
import type { PreflightDeps } from '../app/preflight/preflightDeps';
import type { PreflightReport } from '../domain/preflight/preflightFinding';
import { getFleetPlan } from '../app/fleets/getFleetPlan';
import type { FleetPlan, FleetSummary, FleetView } from '../app/fleets/fleetView';
import type { ApprovalDeps } from '../app/approvals/approvalDeps';
import { getApprovalPage, type ApprovalPageOutcome } from '../app/approvals/getApprovalPage';
import { decideByLink, type LinkDecisionInput, type LinkDecisionOutcome } from '../app/approvals/decideByLink';
import { handleApprovalCallback, type CallbackOutcome } from '../app/approvals/handleApprovalCallback';
import type { ApprovalPrincipal } from '../domain/approvals/approvalPolicy';
import type { SignedRequest } from '../domain/approvals/verifyCallback';
import type { SkipTarget } from '../ports';
import type { Operator, OperatorOutcome } from '../app/operator/operatorDeps';
import { resumeRun } from '../app/operator/resumeRun';
import { abandonRun } from '../app/operator/abandonRun';
import { skipRunTargets } from '../app/operator/skipRunTargets';
import { overrideGateAction, retryGate, type GateActionResult } from '../app/operator/operatorGateActions';
import { pauseFleet, unpauseFleet } from '../app/operator/pauseFleet';
import { reconcileGate } from '../app/gates/reconcileGate';
import { lifecycleProblems } from '../app/operator/lifecycleProblems';
import { UNTRUSTED_CALLERS, type CallerTrust } from '../app/security/callerTrust';
import { RefusalLimiter } from '../app/security/refusalLimiter';
import { recordRefusedAttempt, type RefusedAttempt, type RefusalOutcome } from '../app/approvals/recordRefusedAttempt';
import type { ApprovalsStatus } from '../app/getHealth';
import { errorMessage } from '../app/errorMessage';
import { runTickWatches, type TickWatches } from '../app/diagnosis/runTickWatches';
import { PreflightWatch } from '../app/preflight/PreflightWatch';

/** What function bindings may call: one use case each. */
export interface Services {
  /** `log` receives what the anonymous answer leaves out (e.g. a storage error's text). */
  getHealth(functions: readonly FunctionInfo[], log?: AppLog): Promise<HealthReport>;
  recordTimerRun(run: TimerRun): Promise<void>;
  reconcileAllFleets(log: AppLog): Promise<ReconcileCycleSummary>;
  handleFleetGateEvent(event: unknown, log: AppLog): Promise<FleetGateEventOutcome>;
  pollReleases(log: AppLog): Promise<PollSummary>;
  handleAksEvent(event: unknown, log: AppLog): Promise<AksEventOutcome>;
  listRuns(query: ListRunsQuery): Promise<RunPage>;
  /** `operator`: the caller has the operator role (pending approval links are included). */
  getRunDetail(fleet: string, run: string, options?: { readonly operator?: boolean }): Promise<RunDetail | undefined>;
  listRunEvents(fleet: string, run: string): Promise<readonly AuditEvent[] | undefined>;
  stopRun(fleet: string, run: string, operator: Operator): Promise<StopRunOutcome>;
  /** Operator actions (issue 11): each audited with actor, time and reason; a refusal changes nothing. */
  resumeRun(fleet: string, run: string, operator: Operator): Promise<OperatorOutcome>;
  abandonRun(fleet: string, run: string, operator: Operator): Promise<OperatorOutcome>;
  skipRunTargets(fleet: string, run: string, targets: readonly SkipTarget[], operator: Operator): Promise<OperatorOutcome>;
  retryGate(fleet: string, run: string, gateId: string, operator: Operator, log: AppLog): Promise<OperatorOutcome>;
  overrideGate(fleet: string, run: string, gateId: string, operator: Operator, log: AppLog): Promise<OperatorOutcome>;
  pauseFleet(fleet: string, operator: Operator, stopActive: boolean): Promise<OperatorOutcome>;
  unpauseFleet(fleet: string, operator: Operator): Promise<OperatorOutcome>;
  listFleets(): Promise<readonly FleetSummary[]>;
  getFleetView(fleet: string): Promise<FleetView | undefined>;
  getFleetPlan(fleet: string): Promise<FleetPlan | undefined>;
  /** Preflight of a fleet: what would make a run fail, stall or go unguarded, evaluated at `plannedAt` (default now). */
  getPreflight(fleet: string, plannedAt?: string): Promise<PreflightReport | undefined>;
  /** The approval landing page for a link token and the signed-in principal (reads only). */
  getApprovalPage(token: string, principal: ApprovalPrincipal, log: AppLog): Promise<ApprovalPageOutcome>;
  /** A decision posted from the landing page by the signed-in principal. */
  decideApproval(input: LinkDecisionInput & { readonly formToken: string | undefined }, log: AppLog): Promise<LinkDecisionOutcome>;
  /** A signed decision from another system (POST /api/approvals/callback). */
  handleApprovalCallback(request: SignedRequest, log: AppLog): Promise<CallbackOutcome>;
  /** Audits a refused approval attempt and rate-limits refusals per link (429 past the limit). */
  recordApprovalRefusal(attempt: RefusedAttempt, log: AppLog): Promise<RefusalOutcome>;
  /** Whether principal headers are believed; approval and operator routes refuse every caller otherwise. */
  readonly callerTrust: CallerTrust;
  /** Whether approvals can work (a usable APPROVAL_TOKEN_KEY); the approval routes answer 503 otherwise. */
  readonly approvalsStatus: ApprovalsStatus;
  readonly clock: Clock;
}

export interface ServiceDeps {
  readonly timerRuns: TimerRunLog;
  readonly clock: Clock;
  readonly version: string;
  /** Problems of the configuration (reported by /api/health). */
  readonly configurationProblems?: () => readonly string[];
  /**
   * Each family's dependencies for the process, built on first use (health must answer even when the gate
   * configuration is broken); the services add each invocation's log.
   */
  readonly gates: () => Omit<GateDeps, 'log'>;
  /** Built once per process (it holds the member index and the coalescing queue). */
  readonly releases?: () => Omit<ReleaseDeps, 'log'>;
  readonly history?: () => HistoryDeps;
  readonly preflight?: () => PreflightDeps;
  /** From CONDUCTOR_PRINCIPAL_SOURCE (config.callers); default: nobody is trusted. */
  readonly callerTrust?: CallerTrust;
  /** From APPROVAL_TOKEN_KEY (config.approvals); default: enabled (the gate world then carries a signer). */
  readonly approvalsStatus?: ApprovalsStatus;
  /** The timer's preflight and stuck-run watch (issue 17), run before each reconcile; absent: neither runs. */
  readonly watches?: () => TickWatches;
}

function required<T>(make: (() => T) | undefined, what: string): () => T {
  return () => {
    if (!make) throw new Error(`${what} is not wired in this composition`);
    return make();
  };
}

/** Wires use cases to the given adapters. */
export function createServices(deps: ServiceDeps): Services {
  const gateDeps = (log: AppLog): GateDeps => ({ ...deps.gates(), log });
  const approvalDeps = (log: AppLog): ApprovalDeps => {
    const gate = gateDeps(log);
    const { approvals } = gate;
    if (approvals === undefined) throw new Error('Approvals are not wired in this composition');
    return { ...gate, approvals };
  };
  const limiter = new RefusalLimiter();
  const callerTrust = deps.callerTrust ?? UNTRUSTED_CALLERS;
  const approvalsStatus = deps.approvalsStatus ?? { enabled: true };
  const releases = required(deps.releases, 'Release detection');
  const history = required(deps.history, 'Run history');
  const preflight = required(deps.preflight, 'Preflight');
  const preflightWatch = new PreflightWatch();
  // A gate decision an operator saved is carried out at once; if that fails, the reconcile timer carries it out.
  const thenReconcile = async (result: GateActionResult, log: AppLog): Promise<OperatorOutcome> => {
    if (result.reconcile) {
      try {
        await reconcileGate(gateDeps(log), result.reconcile);
      } catch (error) {
        log.warn(`Gate ${result.reconcile.gateId} will be reconciled by the timer: ${errorMessage(error)}`);
      }
    }
    return result.outcome;
  };
  // Health answers without a usable configuration (it is what operators look at then): when the history world cannot
  // be built, there are no runs or gates to report, and the configuration's own problems are reported where it loads.
  const heldRunsAndGates = async (): Promise<readonly string[]> => {
    let world: HistoryDeps;
    try {
      world = history();
    } catch (error) {
      void error; // see above: not a lifecycle problem
      return [];
    }
    return lifecycleProblems(world);
  };
  return {
    getHealth: (functions, log) =>
      getHealth({ ...deps, callerTrust, approvalsStatus, ...(log === undefined ? {} : { log }), ...(deps.history ? { lifecycleProblems: () => heldRunsAndGates() } : {}) }, functions),
    recordTimerRun: (run) => recordTimerRun(deps, run),
    reconcileAllFleets: async (log) => {
      await runTickWatches(deps.watches, preflightWatch, log);
      return reconcileAllFleets(gateDeps(log));
    },
    handleFleetGateEvent: (event, log) => handleFleetGateEvent(gateDeps(log), event),
    pollReleases: (log) => pollReleases({ ...releases(), log }),
    handleAksEvent: (event, log) => handleAksEvent({ ...releases(), log }, event),
    listRuns: (query) => listRuns(history(), query),
    getRunDetail: (fleet, run, options) => getRunDetail(history(), fleet, run, options),
    listRunEvents: (fleet, run) => listRunEvents(history(), fleet, run),
    stopRun: (fleet, run, operator) => stopRun(history(), fleet, run, operator),
    resumeRun: (fleet, run, operator) => resumeRun(history(), fleet, run, operator),
    abandonRun: (fleet, run, operator) => abandonRun(history(), fleet, run, operator),
    skipRunTargets: (fleet, run, targets, operator) => skipRunTargets(history(), fleet, run, targets, operator),
    retryGate: async (fleet, run, gateId, operator, log) => thenReconcile(await retryGate(history(), fleet, run, gateId, operator), log),
    overrideGate: async (fleet, run, gateId, operator, log) => thenReconcile(await overrideGateAction(history(), fleet, run, gateId, operator), log),
    pauseFleet: (fleet, operator, stopActive) => pauseFleet(history(), fleet, operator, stopActive),
    unpauseFleet: (fleet, operator) => unpauseFleet(history(), fleet, operator),
    listFleets: () => Promise.resolve(history().config.fleets.map(toFleetSummary)),
    getFleetView: (fleet) => getFleetView(history(), fleet),
    getFleetPlan: (fleet) => getFleetPlan(history(), fleet),
    getPreflight: (fleet, plannedAt) => getPreflight(preflight(), fleet, plannedAt),
    getApprovalPage: (token, principal, log) => getApprovalPage(approvalDeps(log), token, principal),
    decideApproval: (input, log) => decideByLink(approvalDeps(log), input),
    handleApprovalCallback: (request, log) => handleApprovalCallback(approvalDeps(log), request),
    recordApprovalRefusal: (attempt, log) => recordRefusedAttempt(approvalDeps(log), limiter, attempt),
    callerTrust,
    approvalsStatus,
    clock: deps.clock,
  };
}
