import { z } from 'zod';
import { text } from '../schemas/text';
import { APPROVAL_DEFAULTS, APPROVAL_EXPIRY_ACTIONS, APPROVAL_REJECT_ACTIONS, EXPIRES_AFTER_MINUTES, type ApprovalPolicy } from './approvalPolicy';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const UPN = /^[^\s@]+@[^\s@]+$/;
/** App setting names: letters, digits, `_` (and `__` for nested settings), not starting with a digit. */
const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A list of identifiers; duplicates (case-insensitive) are refused: a person must not count twice. */
function idList(pattern: RegExp, hint: string, description: string) {
  return z
    .array(text({ max: 256, pattern, hint }))
    .superRefine((list, ctx) => {
      const lowered = list.map((item) => item.toLowerCase());
      lowered.forEach((item, index) => {
        if (lowered.indexOf(item) < index) ctx.addIssue({ code: 'custom', path: [index], message: `duplicate "${list[index] ?? ''}"` });
      });
    })
    .transform((list) => list.map((item) => item.toLowerCase()))
    .default([])
    .describe(description);
}

const approversSchema = z
  .strictObject(
    {
      users: idList(UPN, 'a user principal name (name@domain)', 'User principal names (compared case-insensitively)'),
      objectIds: idList(GUID, 'an object id (GUID)', 'Entra object ids'),
      groups: idList(GUID, 'a group object id (GUID)', 'Entra group object ids: any member may approve'),
      // An app role value (Entra app roles: no spaces); e.g. Conductor.Approver.
      role: text({ max: 120, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/, hint: 'an app role value such as Conductor.Approver' })
        .describe('An app role the approver must also hold, e.g. Conductor.Approver')
        .optional(),
    },
    { error: (issue) => (issue.input === undefined ? 'is required: list at least one of users, objectIds, groups' : undefined) },
  )
  .superRefine((approvers, ctx) => {
    if (approvers.users.length + approvers.objectIds.length + approvers.groups.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'must list at least one of users, objectIds, groups: nobody could approve' });
    }
  });

const settingName = text({ max: 128, pattern: SETTING_NAME, hint: 'an app setting name (letters, digits, _)' }).describe('The NAME of an app setting holding the value');

const channelsSchema = z
  .strictObject({
    teams: z.strictObject({ webhookUrlSetting: settingName }).describe('Teams Workflows webhook: an Adaptive Card').optional(),
    webhook: z.strictObject({ urlSetting: settingName, secretSetting: settingName }).describe('Generic JSON webhook, HMAC-SHA256 signed').optional(),
  })
  .default({});

const wholeNumber = (min: number, max: number, fallback: number, description: string) => z.number().int().min(min).max(max).default(fallback).describe(description);

/**
 * The `approval` section of a gate policy (config-as-code, already decoded): who may approve, how many must, for how
 * long, what reject and expiry do, and where the request goes. Defaults are filled; ids come out lowercase.
 */
export const approvalPolicySchema = z
  .strictObject({
    approvers: approversSchema,
    quorum: wholeNumber(1, 100, APPROVAL_DEFAULTS.quorum, 'Distinct approvers needed'),
    expiresAfterMinutes: wholeNumber(EXPIRES_AFTER_MINUTES.min, EXPIRES_AFTER_MINUTES.max, APPROVAL_DEFAULTS.expiresAfterMinutes, 'Minutes from the request until it expires'),
    onExpire: z.enum(APPROVAL_EXPIRY_ACTIONS).default(APPROVAL_DEFAULTS.onExpire).describe('What happens when nobody decided in time'),
    onReject: z.enum(APPROVAL_REJECT_ACTIONS).default(APPROVAL_DEFAULTS.onReject).describe('What happens when an approver rejects'),
    requireChecksFirst: z.boolean().default(APPROVAL_DEFAULTS.requireChecksFirst).describe('Ask only once every check passed (true), or at once'),
    channels: channelsSchema,
  })
  .superRefine((policy, ctx) => {
    const { users, objectIds, groups } = policy.approvers;
    const listed = users.length + objectIds.length;
    if (groups.length === 0 && listed > 0 && policy.quorum > listed) {
      ctx.addIssue({ code: 'custom', path: ['quorum'], message: `must be at most ${listed}, the number of listed approvers (or list a group)` });
    }
  })
  .transform((policy): ApprovalPolicy => ({ ...policy, approvers: { ...policy.approvers } }));
