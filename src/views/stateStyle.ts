/**
 * Maps Fleet states and gate phases to a fixed set of CSS class names. Classes come from these lists only, never
 * from the data, so a surprising state from Fleet renders as `unknown` instead of leaking into markup.
 */
import { fleetRunState } from '../domain/runs/fleetRunState';

const GATE_PHASE_TONES: Readonly<Record<string, string>> = {
  Passed: 'ok',
  Failed: 'bad',
  Rejected: 'bad',
  Expired: 'bad',
  Inconclusive: 'warn',
  AwaitingApproval: 'warn',
  Approving: 'active',
  Checking: 'active',
  Soaking: 'active',
  Observed: 'active',
  Bypassed: 'muted',
  Cancelled: 'muted',
};

const OUTCOME_TONES: Readonly<Record<string, string>> = {
  Successful: 'ok',
  Failed: 'bad',
  Inconclusive: 'warn',
  Error: 'warn',
  Running: 'active',
};

/** `state-completed`, `state-running`, ... or `state-unknown`. */
export function stateClass(state: string): string {
  const known = fleetRunState(state);
  return `state-${known === undefined ? 'unknown' : known.toLowerCase()}`;
}

/** `tone-ok` | `tone-bad` | `tone-warn` | `tone-active` | `tone-muted` for a gate phase. */
export function phaseTone(phase: string | undefined): string {
  return `tone-${(phase === undefined ? undefined : GATE_PHASE_TONES[phase]) ?? 'muted'}`;
}

/** Tone for a check outcome or a check tally phase. */
export function outcomeTone(outcome: string | undefined): string {
  return `tone-${(outcome === undefined ? undefined : OUTCOME_TONES[outcome]) ?? 'muted'}`;
}
