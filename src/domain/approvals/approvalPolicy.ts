/**
 * Who may approve a Conductor gate, how many must, for how long, what reject and expiry do, and where the
 * request is sent. Parsed from config-as-code by approvalPolicySchema; plain JSON (pinned into gate state).
 * Semantics (GitHub Environments / Azure DevOps approvals, bound to the health evidence):
 * - a principal is an allowed approver when its object id is in `objectIds`, its name (UPN) is in `users`
 *   (case-insensitive), or one of its group claims is in `groups`;
 * - `quorum` DISTINCT allowed approvers must approve (a person counts once, whichever list admits them);
 * - ONE reject by an allowed approver rejects the request (GitHub Environments, Azure DevOps), then `onReject`;
 * - nobody decided within `expiresAfterMinutes` of the request → expired, then `onExpire`;
 * - the gate completes only when its checks passed AND the quorum is reached; `requireChecksFirst: false`
 *   asks for approval as soon as the gate is observed, in parallel with the checks.
 */
export interface ApprovalPolicy {
  readonly approvers: ApprovalApprovers;
  /** Distinct approvers needed. @default 1 */
  readonly quorum: number;
  /** Minutes from the request until it expires (5..43200, i.e. up to 30 days). @default 1440 */
  readonly expiresAfterMinutes: number;
  /** The deadline passed: stop the run, skip the gated stage/group, or hold (notify and wait). @default 'hold' */
  readonly onExpire: ApprovalExpiryAction;
  /** An approver rejected: stop the run, or skip the gated stage/group. @default 'stop' */
  readonly onReject: ApprovalRejectAction;
  /** Ask for approval only once every check passed (true), or at once, in parallel with the checks. @default true */
  readonly requireChecksFirst: boolean;
  readonly channels: ApprovalChannels;
}

export interface ApprovalApprovers {
  /** User principal names, stored lowercase (compared case-insensitively). */
  readonly users: readonly string[];
  /** Entra object ids (GUIDs), stored lowercase. */
  readonly objectIds: readonly string[];
  /** Group object ids (GUIDs, as in the `groups` claim), stored lowercase; any member may approve. */
  readonly groups: readonly string[];
  /**
   * An app role the approver must also hold (e.g. `Conductor.Approver`, from the `roles` claim, or the signed
   * callback's approver.roles). Unset → listing is enough.
   */
  readonly role?: string;
}

/** Where the request goes (through the outbox). Settings are NAMES of app settings, never the secrets themselves. */
export interface ApprovalChannels {
  /** Teams Workflows webhook ("When a Teams webhook request is received"): an Adaptive Card. */
  readonly teams?: { readonly webhookUrlSetting: string };
  /** Generic JSON webhook, signed with HMAC-SHA256 (see README: x-conductor-timestamp / x-conductor-signature). */
  readonly webhook?: { readonly urlSetting: string; readonly secretSetting: string };
}

export type ApprovalExpiryAction = 'stop' | 'skip' | 'hold';
export type ApprovalRejectAction = 'stop' | 'skip';

export const APPROVAL_EXPIRY_ACTIONS = ['stop', 'skip', 'hold'] as const satisfies readonly ApprovalExpiryAction[];
export const APPROVAL_REJECT_ACTIONS = ['stop', 'skip'] as const satisfies readonly ApprovalRejectAction[];

export const APPROVAL_DEFAULTS = {
  quorum: 1,
  expiresAfterMinutes: 1440,
  onExpire: 'hold',
  onReject: 'stop',
  requireChecksFirst: true,
} as const satisfies Partial<ApprovalPolicy>;

export const EXPIRES_AFTER_MINUTES = { min: 5, max: 43_200 } as const;

/** The identity of whoever decides, as the authenticated principal (x-ms-client-principal) or a signed callback says. */
export interface ApprovalPrincipal {
  /** UPN or display name from the principal (`userDetails` / `name` claim). */
  readonly name: string;
  /** Entra object id (`oid` claim), when the identity provider gives one. */
  readonly objectId?: string;
  /** Group object ids from the `groups` claim. */
  readonly groups: readonly string[];
  /** App roles from the `roles` claim (checked when the policy names a role). */
  readonly roles?: readonly string[];
}

/**
 * True when `principal` holds the role the policy names (if any) and is listed by user name, object id or one of
 * its groups (all case-insensitive).
 */
export function isAllowedApprover(policy: ApprovalPolicy, principal: ApprovalPrincipal): boolean {
  const { users, objectIds, groups, role } = policy.approvers;
  if (role !== undefined && !(principal.roles ?? []).includes(role)) return false;
  const objectId = principal.objectId?.toLowerCase();
  if (objectId !== undefined && objectIds.includes(objectId)) return true;
  if (users.includes(principal.name.toLowerCase())) return true;
  return principal.groups.some((group) => groups.includes(group.toLowerCase()));
}
