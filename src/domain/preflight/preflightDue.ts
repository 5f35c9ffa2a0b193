import type { PreflightArea, PreflightReport } from './preflightFinding';

/** Why the reconcile timer runs a fleet's preflight. */
export type PreflightTrigger = 'startup' | 'configChanged' | 'refresh';

/**
 * The least time between two preflights of one fleet that are not asked for by a configuration change or a missing
 * report: a process never attempts one fleet twice within it (even after a failure), and an incomplete stored
 * report is retried only once it is this old (so instances that scale out together do not all retry it).
 */
export const STARTUP_FLOOR_MINUTES = 15;

const ALL_AREAS: readonly PreflightArea[] = ['permissions', 'groups', 'versions', 'autoUpgrade', 'maintenance', 'workspace'];

/**
 * Whether a stored report counts as a failed preflight: a read failed for another reason than a refusal (its
 * `CallFailed` finding) or a check area was not made. No source settles what "the last preflight failed" should mean
 * for a report that was stored; the harsher reading is taken: any report that did not make every check is retried
 * (after the floor), so "no findings" never stands in for "not checked" longer than STARTUP_FLOOR_MINUTES. This
 * costs a retry per floor for a fleet whose checks keep failing (or that has no members, whose workspace check
 * cannot be made), never for a complete report, whatever its findings.
 */
export function preflightIncomplete(report: Pick<PreflightReport, 'checked' | 'findings'>): boolean {
  return report.findings.some((f) => f.code === 'CallFailed') || ALL_AREAS.some((a) => !report.checked.includes(a));
}

export interface PreflightDueInput {
  /** The fleet's stored preflight: the configuration hash it saw, when it ran, and whether it made every check. */
  readonly stored?: { readonly configHash: string; readonly checkedAt: string; readonly incomplete: boolean };
  /** The hash of the configuration this process runs with. */
  readonly configHash: string;
  /** When this process last attempted the fleet's preflight (undefined: never since it started). */
  readonly attemptedAt?: string;
  readonly now: string;
  readonly refreshHours: number;
}

/**
 * Whether the timer runs a fleet's preflight now, and why; the ARM cost rule (docs/design.md §5.1). At most one run
 * per fleet and tick, and only when: none is stored (`startup`: a first deployment, or every earlier attempt
 * failed before storing one); the configuration's content hash differs from the stored one's (`configChanged`, at
 * the first tick after the change is loaded); the stored one is older than `refreshHours` (`refresh`); the stored
 * one is incomplete (preflightIncomplete) and older than STARTUP_FLOOR_MINUTES (`refresh`, early). A new process
 * does NOT rerun a stored report that is complete, fresh and made for the same configuration: every scale-out or
 * restart of a Consumption host would otherwise repeat every fleet's ARM reads (about 160 for 100 members) and
 * take one tick per fleet to reach its steady cost. A process never attempts one fleet twice within
 * STARTUP_FLOOR_MINUTES, even after a failure.
 */
export function preflightDue(input: PreflightDueInput): PreflightTrigger | undefined {
  const now = Date.parse(input.now);
  const minutesSince = (iso: string): number => (now - Date.parse(iso)) / 60_000;
  if (input.attemptedAt !== undefined && minutesSince(input.attemptedAt) < STARTUP_FLOOR_MINUTES) return undefined;
  if (!input.stored) return 'startup';
  if (input.stored.configHash !== input.configHash) return 'configChanged';
  const age = minutesSince(input.stored.checkedAt);
  if (age >= input.refreshHours * 60) return 'refresh';
  if (input.stored.incomplete && age >= STARTUP_FLOOR_MINUTES) return 'refresh';
  return undefined;
}
