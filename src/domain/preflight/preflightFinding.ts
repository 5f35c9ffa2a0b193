/** What a preflight finding is about; one area per check family of the preflight. */
export type PreflightArea = 'permissions' | 'groups' | 'versions' | 'autoUpgrade' | 'maintenance' | 'workspace';

/**
 * One thing that would make a run fail, stall or go unguarded, found before the run starts. `code` is stable (the
 * API returns it unchanged); `evidence` holds what was observed; `fix` says what to change, in the operator's terms.
 */
export interface PreflightFinding {
  readonly area: PreflightArea;
  readonly code: string;
  /** `error`: a run would fail, stall or skip members; `warning`: it would run, but not as planned. */
  readonly severity: 'error' | 'warning';
  /** The member, group, scope or workspace concerned. */
  readonly subject: string;
  readonly message: string;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly fix: string;
}

/** The preflight of one fleet: every finding, and what was checked (so "no findings" is not mistaken for "not checked"). */
export interface PreflightReport {
  readonly fleet: string;
  readonly fleetId: string;
  readonly checkedAt: string;
  /** The moment maintenance windows were evaluated at (the planned start). */
  readonly plannedAt: string;
  readonly checked: readonly PreflightArea[];
  readonly findings: readonly PreflightFinding[];
}
