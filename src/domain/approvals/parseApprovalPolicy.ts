import { childPath, type ConfigResult } from '../gates/configIssue';
import {
  readBoolean,
  readEnum,
  readNumber,
  readObject,
  readString,
  readStringList,
  rejectUnknownKeys,
  type Fields,
  type IssueList,
} from '../gates/configReader';
import {
  APPROVAL_DEFAULTS,
  APPROVAL_EXPIRY_ACTIONS,
  APPROVAL_REJECT_ACTIONS,
  EXPIRES_AFTER_MINUTES,
  type ApprovalApprovers,
  type ApprovalChannels,
  type ApprovalPolicy,
} from './approvalPolicy';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const UPN = /^[^\s@]+@[^\s@]+$/;
/** App setting names: letters, digits, `_` (and `__` for nested settings), not starting with a digit. */
const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYS = ['approvers', 'quorum', 'expiresAfterMinutes', 'onExpire', 'onReject', 'requireChecksFirst', 'channels'];

/**
 * Parses an `approval` section (already YAML-decoded) into a typed policy, filling defaults. Reports ALL issues
 * at once with their paths (`gatePolicies[0].approval.approvers.users[1]: must match a user principal name`).
 */
export function parseApprovalPolicy(value: unknown, path = 'approval'): ConfigResult<ApprovalPolicy> {
  const issues: IssueList = [];
  const policy = readApprovalPolicy(value, path, issues);
  return policy === undefined || issues.length > 0 ? { ok: false, issues } : { ok: true, value: policy };
}

/** The embeddable form: appends to `issues`, returns undefined when anything in the section is invalid. */
export function readApprovalPolicy(value: unknown, path: string, issues: IssueList): ApprovalPolicy | undefined {
  const fields = readObject(value, path, issues);
  if (fields === undefined) return undefined;
  const before = issues.length;
  rejectUnknownKeys(fields, KEYS, path, issues);
  const approvers = readApprovers(fields.approvers, childPath(path, 'approvers'), issues);
  const quorum = readNumber(fields, 'quorum', path, issues, { integer: true, min: 1, max: 100, fallback: APPROVAL_DEFAULTS.quorum });
  const expiresAfterMinutes = readNumber(fields, 'expiresAfterMinutes', path, issues, {
    integer: true,
    ...EXPIRES_AFTER_MINUTES,
    fallback: APPROVAL_DEFAULTS.expiresAfterMinutes,
  });
  const onExpire = readEnum(fields, 'onExpire', path, issues, APPROVAL_EXPIRY_ACTIONS, APPROVAL_DEFAULTS.onExpire);
  const onReject = readEnum(fields, 'onReject', path, issues, APPROVAL_REJECT_ACTIONS, APPROVAL_DEFAULTS.onReject);
  const requireChecksFirst = readBoolean(fields, 'requireChecksFirst', path, issues, APPROVAL_DEFAULTS.requireChecksFirst);
  const channels = readChannels(fields.channels, childPath(path, 'channels'), issues);
  if (approvers !== undefined && quorum !== undefined && approvers.groups.length === 0) {
    const listed = approvers.users.length + approvers.objectIds.length;
    if (quorum > listed) {
      issues.push({ path: childPath(path, 'quorum'), message: `must be at most ${listed}, the number of listed approvers (or list a group)` });
    }
  }
  if (issues.length > before) return undefined;
  if (approvers === undefined || quorum === undefined || expiresAfterMinutes === undefined) return undefined;
  if (onExpire === undefined || onReject === undefined || channels === undefined) return undefined;
  return { approvers, quorum, expiresAfterMinutes, onExpire, onReject, requireChecksFirst, channels };
}

function readApprovers(value: unknown, path: string, issues: IssueList): ApprovalApprovers | undefined {
  if (value === undefined || value === null) {
    issues.push({ path, message: 'is required: list at least one of users, objectIds, groups' });
    return undefined;
  }
  const fields = readObject(value, path, issues);
  if (fields === undefined) return undefined;
  const before = issues.length;
  rejectUnknownKeys(fields, ['users', 'objectIds', 'groups', 'role'], path, issues);
  const users = readIds(fields, 'users', path, issues, UPN, 'a user principal name (name@domain)');
  const objectIds = readIds(fields, 'objectIds', path, issues, GUID, 'an object id (GUID)');
  const groups = readIds(fields, 'groups', path, issues, GUID, 'a group object id (GUID)');
  // An app role value (Entra app roles: no spaces); e.g. Conductor.Approver.
  const role = readString(fields, 'role', path, issues, { required: false, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/, patternHint: 'an app role value such as Conductor.Approver', maxLength: 120 });
  if (issues.length > before || users === undefined || objectIds === undefined || groups === undefined) return undefined;
  if (users.length + objectIds.length + groups.length === 0) {
    issues.push({ path, message: 'must list at least one of users, objectIds, groups: nobody could approve' });
    return undefined;
  }
  return { users, objectIds, groups, ...(role === undefined ? {} : { role }) };
}

/** A list of identifiers, lowercased; duplicates (case-insensitive) are reported: a person must not count twice. */
function readIds(fields: Fields, key: string, path: string, issues: IssueList, pattern: RegExp, hint: string): readonly string[] | undefined {
  const list = readStringList(fields, key, path, issues, { pattern, patternHint: hint, maxLength: 256 });
  if (list === undefined) return fields[key] === undefined || fields[key] === null ? [] : undefined;
  const lowered = list.map((item) => item.toLowerCase());
  const before = issues.length;
  lowered.forEach((item, index) => {
    if (lowered.indexOf(item) < index) issues.push({ path: childPath(childPath(path, key), index), message: `duplicate "${list[index]}"` });
  });
  return issues.length === before ? lowered : undefined;
}

function readChannels(value: unknown, path: string, issues: IssueList): ApprovalChannels | undefined {
  if (value === undefined || value === null) return {};
  const fields = readObject(value, path, issues);
  if (fields === undefined) return undefined;
  const before = issues.length;
  rejectUnknownKeys(fields, ['teams', 'webhook'], path, issues);
  const setting = (section: Fields, key: string, at: string): string | undefined =>
    readString(section, key, at, issues, { required: true, pattern: SETTING_NAME, patternHint: 'an app setting name (letters, digits, _)', maxLength: 128 });
  let channels: ApprovalChannels = {};
  if (fields.teams !== undefined) {
    const at = childPath(path, 'teams');
    const teams = readObject(fields.teams, at, issues);
    if (teams !== undefined) {
      rejectUnknownKeys(teams, ['webhookUrlSetting'], at, issues);
      const webhookUrlSetting = setting(teams, 'webhookUrlSetting', at);
      if (webhookUrlSetting !== undefined) channels = { ...channels, teams: { webhookUrlSetting } };
    }
  }
  if (fields.webhook !== undefined) {
    const at = childPath(path, 'webhook');
    const webhook = readObject(fields.webhook, at, issues);
    if (webhook !== undefined) {
      rejectUnknownKeys(webhook, ['urlSetting', 'secretSetting'], at, issues);
      const urlSetting = setting(webhook, 'urlSetting', at);
      const secretSetting = setting(webhook, 'secretSetting', at);
      if (urlSetting !== undefined && secretSetting !== undefined) channels = { ...channels, webhook: { urlSetting, secretSetting } };
    }
  }
  return issues.length === before ? channels : undefined;
}
