import type { GatePhaseName } from '../gates/gateState';
import { fleetRunState, isInProgress } from './fleetRunState';
import type { HoldCause, RunHold } from './runHold';

/** Rules that allow Conductor to act on a run by itself. Each automatic action records the rule that allowed it. */
export const AutomaticRule = {
  /** A release the policy selected, with no run yet: create and start it. */
  NewRelease: 'NewRelease',
  /** A run Conductor created and meant to start is still NotStarted (start failed, or a crash between create and start). */
  StartCreatedRun: 'StartCreatedRun',
  /** A claim left unfinished by a crashed trigger is taken over after the takeover delay. */
  TakeOverStaleClaim: 'TakeOverStaleClaim',
  /** A run that completed with every gate passed left members below the target: a new run catches them up. */
  CatchUpCompletedRun: 'CatchUpCompletedRun',
  /**
   * A request Azure accepted asynchronously for a claimed run (the strategy write, generateUpdateRun) is confirmed
   * from Fleet's state by a later evaluation, which then creates or adopts the run and starts it.
   */
  ConfirmAcceptedRequest: 'ConfirmAcceptedRequest',
} as const;
export type AutomaticRule = (typeof AutomaticRule)[keyof typeof AutomaticRule];

/** What Conductor knows about one of its runs when a trigger (poll, event, restart) looks at it again. */
export interface RunLifecycleInput {
  /** Conductor's record: `Claimed` → `Created` → `Started`; `closed` once completed or abandoned. */
  readonly record: { readonly state: 'Claimed' | 'Created' | 'Started'; readonly closed?: { readonly kind: 'Completed' | 'Abandoned' } };
  /** Fleet's `status.state` of the run; undefined when Fleet has no such run (deleted). */
  readonly fleetState: string | undefined;
  /** Phases of the run's gates as Conductor decided them (with their ids). */
  readonly gates: readonly { readonly gateId: string; readonly phase: GatePhaseName }[];
  /** True when an operator stopped the run through Conductor (audited RunStopRequested). */
  readonly stoppedByOperator: boolean;
  /**
   * True for a `Claimed` record older than the takeover delay: the trigger that claimed it died (a crash between
   * Fleet's create and the record of it leaves a NotStarted run behind a Claimed record).
   */
  readonly claimStale?: boolean;
}

export type RunLifecycleDecision =
  /** The run is still Conductor's business in Fleet (running, pending, stopping, or being created): nothing to start. */
  | { readonly kind: 'active' }
  /** Conductor created the run (or a crashed trigger did, under a stale claim) and meant to start it; not started yet. */
  | { readonly kind: 'start'; readonly rule: typeof AutomaticRule.StartCreatedRun | typeof AutomaticRule.TakeOverStaleClaim }
  /** Stopped or failed for a reason: only an operator (resume or abandon) moves it on. Blocks the fleet. */
  | { readonly kind: 'held'; readonly hold: RunHold }
  /** Completed cleanly: members left below the target may be caught up automatically. */
  | { readonly kind: 'completed'; readonly rule: typeof AutomaticRule.CatchUpCompletedRun }
  /** Closed before (completed or abandoned): not looked at again. */
  | { readonly kind: 'closed'; readonly closed: 'Completed' | 'Abandoned' };

// Decisions against a run: a gate that ended this way is a reason, whatever Fleet's state says.
const GATE_CAUSES: readonly (readonly [GatePhaseName, HoldCause, string])[] = [
  ['Failed', 'GateFailed', 'a health gate failed'],
  ['Rejected', 'ApprovalRejected', 'an approver rejected a gate'],
  ['Expired', 'ApprovalExpired', 'an approval expired'],
];

/**
 * The lifecycle rule behind safety invariant 2: a run stopped or failed for a reason is never started again
 * without an operator. Fleet's `Stopping` is not final (a member failure shows Stopping while in-flight members
 * finish, then Failed — Fleet docs, concepts-update-orchestration), so it counts as active. A completed run is
 * caught up automatically only when none of its gates was decided against it (failed, rejected, expired, or
 * cancelled by a skip): otherwise the catch-up would undo that decision.
 */
export function decideRunLifecycle(input: RunLifecycleInput): RunLifecycleDecision {
  if (input.record.closed) return { kind: 'closed', closed: input.record.closed.kind };
  if (input.fleetState === undefined) {
    // A record still Claimed has no run in Fleet yet: the create step owns it.
    if (input.record.state === 'Claimed') return { kind: 'active' };
    return { kind: 'held', hold: { cause: 'Deleted', message: 'the run was deleted in Azure' } };
  }
  const state = fleetRunState(input.fleetState);
  if (state === 'NotStarted') {
    if (input.record.state !== 'Claimed') return { kind: 'start', rule: AutomaticRule.StartCreatedRun };
    // A fresh claim's trigger is still between create and start; a stale one died there, and its run is taken over.
    return input.claimStale === true ? { kind: 'start', rule: AutomaticRule.TakeOverStaleClaim } : { kind: 'active' };
  }
  if (isInProgress(state)) return { kind: 'active' };
  const gateHold = heldByGate(input.gates);
  if (gateHold) return { kind: 'held', hold: gateHold };
  switch (state) {
    case 'Completed': {
      const cancelled = input.gates.find((g) => g.phase === 'Cancelled');
      if (cancelled) return { kind: 'held', hold: { cause: 'GateCancelled', message: 'a gate was skipped before Conductor decided it', gateId: cancelled.gateId } };
      return { kind: 'completed', rule: AutomaticRule.CatchUpCompletedRun };
    }
    case 'Failed':
      return { kind: 'held', hold: { cause: 'MemberFailed', message: 'a member upgrade failed and Fleet failed the run' } };
    case 'Skipped':
      return { kind: 'held', hold: { cause: 'SkippedInAzure', message: 'every stage of the run was skipped in Azure' } };
    case 'Running':
    case 'Pending':
    case 'Stopping':
      return { kind: 'active' }; // answered above, before the gates were read
    case 'Stopped':
    case undefined:
      // Stopped, or a state this version does not know: the harsher reading holds the run.
      return input.stoppedByOperator
        ? { kind: 'held', hold: { cause: 'OperatorStopped', message: 'an operator stopped the run through Conductor' } }
        : { kind: 'held', hold: { cause: 'StoppedInAzure', message: `the run is ${input.fleetState} in Azure (stopped around Conductor)` } };
  }
}

function heldByGate(gates: RunLifecycleInput['gates']): RunHold | undefined {
  for (const [phase, cause, message] of GATE_CAUSES) {
    const gate = gates.find((g) => g.phase === phase);
    if (gate) return { cause, message, gateId: gate.gateId };
  }
  return undefined;
}
