import type { AutomaticRule } from '../../domain/runs/decideRunLifecycle';
import type { RunHold } from '../../domain/runs/runHold';
import type { Reason } from '../../domain/versions/reasons';

/** What asks for a fleet's release evaluation: an AKS event (with its ids) or the poll timer. */
export interface ReleaseTrigger {
  readonly kind: 'event' | 'poll';
  readonly eventIds: readonly string[];
}

/** What one release evaluation of a fleet did. */
export type ReleaseOutcome =
  | { readonly kind: 'disabled' }
  | { readonly kind: 'runStarted'; readonly runName: string; readonly created: boolean; readonly rule: AutomaticRule }
  | { readonly kind: 'alreadyHandled'; readonly runName: string }
  /**
   * Azure accepted a request for the run asynchronously (the strategy write, or generateUpdateRun): it is recorded
   * on the run record and a later evaluation confirms it from Fleet's state, then creates or adopts the run and starts it.
   */
  | { readonly kind: 'requested'; readonly runName: string; readonly awaiting: 'strategy' | 'run' }
  /** A run of the fleet stopped or failed for a reason: nothing starts until an operator resumes or abandons it. */
  | { readonly kind: 'held'; readonly runName: string; readonly hold: RunHold }
  | { readonly kind: 'noRun'; readonly outcome: string; readonly reasons: readonly Reason[] };
