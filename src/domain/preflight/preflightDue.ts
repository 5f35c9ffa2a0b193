/** Why the reconcile timer runs a fleet's preflight. */
export type PreflightTrigger = 'startup' | 'configChanged' | 'refresh';

/**
 * A process start reruns a preflight only when the stored one (same configuration) is older than this: hosts that
 * scale out or restart often (Consumption plan) would otherwise repeat every ARM read on each cold start.
 */
export const STARTUP_FLOOR_MINUTES = 15;

export interface PreflightDueInput {
  /** The fleet's stored preflight: the configuration hash it saw and when it ran. */
  readonly stored?: { readonly configHash: string; readonly checkedAt: string };
  /** The hash of the configuration this process runs with. */
  readonly configHash: string;
  /** When this process last attempted the fleet's preflight (undefined: never since it started). */
  readonly attemptedAt?: string;
  readonly now: string;
  readonly refreshHours: number;
}

/**
 * Whether the timer runs a fleet's preflight now, and why; the ARM cost rule (docs/design.md §5.1). At most one run
 * per fleet and tick, and only: when none is stored or this process has not run one and the stored one is older
 * than STARTUP_FLOOR_MINUTES (`startup`); when the configuration's content hash differs from the stored one's
 * (`configChanged`, at the first tick after the change is loaded); when the stored one is older than `refreshHours`
 * (`refresh`). A process never attempts one fleet twice within STARTUP_FLOOR_MINUTES, even after a failure.
 */
export function preflightDue(input: PreflightDueInput): PreflightTrigger | undefined {
  const now = Date.parse(input.now);
  const minutesSince = (iso: string): number => (now - Date.parse(iso)) / 60_000;
  if (input.attemptedAt !== undefined && minutesSince(input.attemptedAt) < STARTUP_FLOOR_MINUTES) return undefined;
  if (!input.stored) return 'startup';
  if (input.stored.configHash !== input.configHash) return 'configChanged';
  if (minutesSince(input.stored.checkedAt) >= input.refreshHours * 60) return 'refresh';
  if (input.attemptedAt === undefined && minutesSince(input.stored.checkedAt) >= STARTUP_FLOOR_MINUTES) return 'startup';
  return undefined;
}
