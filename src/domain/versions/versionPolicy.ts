/**
 * The version policy of one fleet: which versions Conductor turns into update runs, and when.
 * Plain data (from config or Table Storage); validated by `validateVersionPolicy`.
 */
export interface VersionPolicy {
  /**
   * - `rapid`: newest GA patch of the newest GA minor that is at most one minor above the fleet's lowest member
   *   minor (so the fleet climbs one minor per run and never skips one).
   * - `stable`: newest GA patch of minor N-1, where N is the newest GA minor published in any member region.
   * - `patch`: newest GA patch within the members' own minors, one minor per run, oldest minor first.
   * - `target`: newest GA patch of `targetMinor`.
   * - `nodeimage`: newest node image version published in every member region.
   */
  readonly channel: Channel;
  /** `major.minor` (e.g. `1.33`); required iff channel is `target`. */
  readonly targetMinor?: string;
  /** Hours a version must have been first seen in every member region before it is targeted. Default 0. */
  readonly soakHours?: number;
  /** Hours a Kubernetes patch must have been first seen in every member region (latest first-seen governs). Default 0. */
  readonly minimumPatchAgeHours?: number;
  /** Skip `x.y.0` Kubernetes patches. Default true. */
  readonly skipDotZeroPatches?: boolean;
  /**
   * Versions never targeted: exact (`1.33.2`, `202511.02.0`) or with `*` wildcards (`1.33.*`, `1.34.0`, `202511.*`).
   * A `*` matches any run of characters, so `1.3*` also matches `1.30.1`.
   */
  readonly blocklist?: readonly string[];
  /**
   * AKS long-term support. false (default): never target a minor that some member region offers only under
   * `AKSLongTermSupport`. true: the fleet is pinned to an LTS minor; only `target` and `patch` channels are valid
   * (a moving channel would take the fleet off its LTS minor), the target minor must offer `AKSLongTermSupport` in
   * every member region, and members not on the LTS plan are skipped when the minor is LTS-only.
   */
  readonly longTermSupport?: boolean;
  /** Allow/deny windows. No allow window = always allowed unless a deny window is open. Deny wins. */
  readonly windows?: readonly PolicyWindow[];
}

export type Channel = 'rapid' | 'stable' | 'patch' | 'target' | 'nodeimage';

/** A day of the week, as used by weekly windows (ISO order, Monday first). */
export type Weekday = 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun';

/** Allow or deny runs in a recurring weekly window or between two local date-times, in an IANA time zone. */
export type PolicyWindow = WeeklyWindow | DateRangeWindow;

interface WindowBase {
  /** Shown in reasons (e.g. `xmas-freeze`). Defaults to a description of the window. */
  readonly name?: string;
  readonly effect: 'allow' | 'deny';
  /** IANA time zone, e.g. `Europe/Berlin`, `UTC`. Wall times below are local to it (DST-aware). */
  readonly timeZone: string;
}

/**
 * Every `days` from local `start` (`HH:MM`) to `end` (`HH:MM`, exclusive). `end` at or before `start` crosses
 * midnight into the next day (`22:00`–`06:00`); `start` equal to `end` is a full 24 hours. `days` name the day the
 * window starts on; omitted = every day.
 */
export interface WeeklyWindow extends WindowBase {
  readonly type: 'weekly';
  readonly days?: readonly Weekday[];
  readonly start: string;
  readonly end: string;
}

/** One-off window between local date-times `YYYY-MM-DDTHH:MM` (end exclusive), e.g. a year-end freeze. */
export interface DateRangeWindow extends WindowBase {
  readonly type: 'dates';
  readonly from: string;
  readonly to: string;
}

/** The policy with defaults applied. */
export interface ResolvedVersionPolicy {
  readonly channel: Channel;
  readonly targetMinor: string | undefined;
  readonly soakHours: number;
  readonly minimumPatchAgeHours: number;
  readonly skipDotZeroPatches: boolean;
  readonly blocklist: readonly string[];
  readonly longTermSupport: boolean;
  readonly windows: readonly PolicyWindow[];
}

/** Applies the documented defaults. */
export function resolveVersionPolicy(policy: VersionPolicy): ResolvedVersionPolicy {
  return {
    channel: policy.channel,
    targetMinor: policy.targetMinor,
    soakHours: policy.soakHours ?? 0,
    minimumPatchAgeHours: policy.minimumPatchAgeHours ?? 0,
    skipDotZeroPatches: policy.skipDotZeroPatches ?? true,
    blocklist: policy.blocklist ?? [],
    longTermSupport: policy.longTermSupport ?? false,
    windows: policy.windows ?? [],
  };
}
