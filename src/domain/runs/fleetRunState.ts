/**
 * Fleet's `UpdateState` of an update run (and of its stages, groups and members): docs/azure-apis.md §2.2, REST spec
 * `Microsoft.ContainerService/fleet` `UpdateState`. The one list Conductor reads run states against; everything else
 * asks the predicates below. Ports keep Fleet's string (a state a newer api-version adds must not break parsing), so
 * every predicate takes a string, compares case-insensitively, and answers false for a state it does not know: an
 * unknown state is never "terminal", "stoppable" or "resumable" by accident.
 */
export const FLEET_RUN_STATES = ['NotStarted', 'Running', 'Pending', 'Stopping', 'Stopped', 'Completed', 'Failed', 'Skipped'] as const;

export type FleetRunState = (typeof FLEET_RUN_STATES)[number];

/** The known state a (case-insensitive) string names, or undefined for a state this version does not know. */
export function fleetRunState(raw: string | null | undefined): FleetRunState | undefined {
  const lower = raw?.toLowerCase();
  return FLEET_RUN_STATES.find((state) => state.toLowerCase() === lower);
}

function isOneOf(raw: string | null | undefined, states: readonly FleetRunState[]): boolean {
  const state = fleetRunState(raw);
  return state !== undefined && states.includes(state);
}

/** Nothing in the run moves any more: Completed, Failed, Stopped, Skipped. */
export function isTerminal(raw: string | null | undefined): boolean {
  return isOneOf(raw, ['Completed', 'Failed', 'Stopped', 'Skipped']);
}

/** The run may still change (pages showing it refresh; history keeps it on the active list): NotStarted, Running, Pending, Stopping. */
export function isActive(raw: string | null | undefined): boolean {
  return isOneOf(raw, ['NotStarted', 'Running', 'Pending', 'Stopping']);
}

/** Started and not finished: Running, Pending, Stopping (Stopping is not final: in-flight members finish first). */
export function isInProgress(raw: string | null | undefined): boolean {
  return isOneOf(raw, ['Running', 'Pending', 'Stopping']);
}

/** Running or Pending: a stop is accepted, and gates of the run are still being reached. */
export function isStoppable(raw: string | null | undefined): boolean {
  return isOneOf(raw, ['Running', 'Pending']);
}

/** A stop was requested or took effect (Stopping, Stopped): sending another stop is redundant. */
export function isStopping(raw: string | null | undefined): boolean {
  return isOneOf(raw, ['Stopping', 'Stopped']);
}

/** Stopped: the run's stop took effect (gates still deciding are cancelled). */
export function isStopped(raw: string | null | undefined): boolean {
  return isOneOf(raw, ['Stopped']);
}

/** Stopped or Failed: Fleet restarts it with `updateRuns/start` from the last unprocessed cluster (an operator's resume). */
export function isResumable(raw: string | null | undefined): boolean {
  return isOneOf(raw, ['Stopped', 'Failed']);
}

/** Fleet's `updateRuns/skip` is accepted: NotStarted, Running, Pending, Failed. */
export function isSkippable(raw: string | null | undefined): boolean {
  return isOneOf(raw, ['NotStarted', 'Running', 'Pending', 'Failed']);
}
