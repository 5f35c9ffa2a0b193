/**
 * Stable reason codes of the version policy. They are returned unchanged by the HTTP API and stored in the
 * audit trail, so a code is never renamed once shipped; add new ones instead.
 */
export const ReasonCode = {
  /** The version is a preview in at least one member region; only GA versions are targeted. */
  NotGa: 'NotGa',
  /** The version has not been first seen in every member region for `soakHours` yet. */
  Soaking: 'Soaking',
  /** The version is the first patch of a minor (`x.y.0`) and the policy skips those. */
  DotZeroPatch: 'DotZeroPatch',
  /** The version matches an entry of the policy blocklist. */
  Blocklisted: 'Blocklisted',
  /** The Kubernetes patch is younger than `minimumPatchAgeHours` in at least one member region. */
  PatchTooYoung: 'PatchTooYoung',
  /** A deny window is active now; deny wins over allow. */
  DenyWindow: 'DenyWindow',
  /** Allow windows are configured and none of them is open now. */
  OutsideAllowWindow: 'OutsideAllowWindow',
  /** The version is not published in every region that hosts a member; a run would sit Pending. */
  NotInAllRegions: 'NotInAllRegions',
  /** The version would move the fleet onto (or off) the AKS long-term-support plan against the policy. */
  LtsGuard: 'LtsGuard',
  /** Another update run is active in the fleet with a different target; one active run per fleet. */
  RunActive: 'RunActive',
  /** The active run already has this target: nothing new to create. */
  AlreadyRunning: 'AlreadyRunning',
  /** The member is two or more minors behind the target; AKS cannot skip a minor, so it is skipped. */
  MinorSkip: 'MinorSkip',
  /** The member already runs the target version (or node image). */
  AtTarget: 'AtTarget',
  /** The member runs a newer version than the target; AKS cannot downgrade. */
  AheadOfTarget: 'AheadOfTarget',
  /** The `patch` channel keeps every member on its minor; this member is on another minor than the run. */
  DifferentMinor: 'DifferentMinor',
  /** The member's region does not offer the target yet; Fleet would leave the member Pending. */
  NotInRegion: 'NotInRegion',
  /** The member's maintenance window is closed now; Fleet would leave the member Pending until it opens. */
  MaintenanceWindowClosed: 'MaintenanceWindowClosed',
  /** The member reports a version string that cannot be parsed, so it cannot be planned. */
  UnknownVersion: 'UnknownVersion',
  /** The fleet has no members, so there is nothing to upgrade. */
  NoMembers: 'NoMembers',
  /** No version of the channel is published in any member region. */
  NoCandidate: 'NoCandidate',
  /** Every member already runs the chosen target or newer. */
  UpToDate: 'UpToDate',
  /** The policy is invalid (unknown time zone, missing target minor, LTS on a moving channel, ...). */
  InvalidPolicy: 'InvalidPolicy',
  /** The input is unusable (e.g. the evaluation time does not parse); nothing is evaluated. */
  InvalidInput: 'InvalidInput',
  /** A member keeps its own AKS cluster auto-upgrade channel on, which races the fleet's runs. */
  MemberAutoUpgradeOn: 'MemberAutoUpgradeOn',
  /** A member keeps its AKS node OS auto-upgrade channel on `NodeImage`, which races node image runs. */
  MemberNodeOsAutoUpgradeOn: 'MemberNodeOsAutoUpgradeOn',
  /** A run of the fleet stopped or failed for a reason; nothing starts until an operator resumes or abandons it. */
  RunHeld: 'RunHeld',
  /** An operator paused the fleet (incident freeze): no run is created or started until it is unpaused. */
  FleetPaused: 'FleetPaused',
  /** An operator abandoned the run of this target; only a newer release gets a run. */
  TargetAbandoned: 'TargetAbandoned',
  /** Azure accepted a request for the run asynchronously (strategy write, generateUpdateRun); a later evaluation confirms it. */
  RequestPending: 'RequestPending',
  /** Fleet's generateUpdateRun answered 204: it generated no run for the profile. */
  NoRunGenerated: 'NoRunGenerated',
} as const;

export type ReasonCode = (typeof ReasonCode)[keyof typeof ReasonCode];

/**
 * Why a version, a member or a run was (not) chosen. `message` is a full sentence naming the versions, regions,
 * members and times involved; the optional fields carry the same facts for machines.
 */
export interface Reason {
  readonly code: ReasonCode;
  readonly message: string;
  /** The version (Kubernetes `1.33.4` or node image `202511.02.0`) the reason is about. */
  readonly version?: string;
  /** Regions the reason is about (e.g. where the version is missing), sorted. */
  readonly regions?: readonly string[];
  /** The member (Fleet member name) the reason is about. */
  readonly member?: string;
  /** When the condition is expected to clear (ISO 8601, UTC), if known. */
  readonly until?: string;
  /** The blocklist entry, window name or run name that caused the reason. */
  readonly matched?: string;
}

/** Builds a reason, dropping detail fields that are undefined so results compare cleanly. */
export function reason(code: ReasonCode, message: string, details: Omit<Reason, 'code' | 'message'> = {}): Reason {
  const out: { -readonly [K in keyof Reason]: Reason[K] } = { code, message };
  if (details.version !== undefined) out.version = details.version;
  if (details.regions !== undefined) out.regions = details.regions;
  if (details.member !== undefined) out.member = details.member;
  if (details.until !== undefined) out.until = details.until;
  if (details.matched !== undefined) out.matched = details.matched;
  return out;
}
