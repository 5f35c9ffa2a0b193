import { describe, expect, it } from 'vitest';
import { isAllowedApprover } from '../../../../src/domain/approvals/approvalPolicy';
import { parseApprovalPolicy } from '../../../support/parseApprovalPolicy';
import { ALICE, ALICE_OID, BOB, CAROL_IN_OPS, MALLORY, OPS_GROUP, aPolicy } from './approvalBuilders';

describe('parseApprovalPolicy', () => {
  it('fills every default around the approvers, lowercasing identifiers', () => {
    expect(parseApprovalPolicy({ approvers: { users: ['Alice@Contoso.com'], objectIds: [ALICE_OID.toUpperCase()] } })).toEqual({
      ok: true,
      value: {
        approvers: { users: ['alice@contoso.com'], objectIds: [ALICE_OID], groups: [] },
        quorum: 1,
        expiresAfterMinutes: 1440,
        onExpire: 'hold',
        onReject: 'stop',
        requireChecksFirst: true,
        channels: {},
      },
    });
  });

  it('parses a complete policy with both channels', () => {
    const input = {
      approvers: { groups: [OPS_GROUP] },
      quorum: 3,
      expiresAfterMinutes: 43_200,
      onExpire: 'skip',
      onReject: 'skip',
      requireChecksFirst: false,
      channels: { teams: { webhookUrlSetting: 'TEAMS_APPROVALS_URL' }, webhook: { urlSetting: 'HOOK_URL', secretSetting: 'HOOK__SECRET' } },
    };

    expect(parseApprovalPolicy(input)).toEqual({
      ok: true,
      value: { ...input, approvers: { users: [], objectIds: [], groups: [OPS_GROUP] } },
    });
  });

  it.each([
    { name: 'not an object', input: 'alice', issues: [{ path: 'approval', message: 'expected an object, got "alice"' }] },
    { name: 'no approvers', input: {}, issues: [{ path: 'approval.approvers', message: 'is required: list at least one of users, objectIds, groups' }] },
    { name: 'empty approver lists', input: { approvers: { users: [] } }, issues: [{ path: 'approval.approvers', message: 'must list at least one of users, objectIds, groups: nobody could approve' }] },
    {
      name: 'quorum above the listed approvers (no group)',
      input: { approvers: { users: ['a@b.c'], objectIds: [ALICE_OID] }, quorum: 3 },
      issues: [{ path: 'approval.quorum', message: 'must be at most 2, the number of listed approvers (or list a group)' }],
    },
    { name: 'quorum zero', input: { approvers: { groups: [OPS_GROUP] }, quorum: 0 }, issues: [{ path: 'approval.quorum', message: 'must be at least 1' }] },
    { name: 'expiry too short', input: { approvers: { groups: [OPS_GROUP] }, expiresAfterMinutes: 4 }, issues: [{ path: 'approval.expiresAfterMinutes', message: 'must be at least 5' }] },
    { name: 'expiry too long', input: { approvers: { groups: [OPS_GROUP] }, expiresAfterMinutes: 43_201 }, issues: [{ path: 'approval.expiresAfterMinutes', message: 'must be at most 43200' }] },
    { name: 'onReject hold (not allowed)', input: { approvers: { groups: [OPS_GROUP] }, onReject: 'hold' }, issues: [{ path: 'approval.onReject', message: 'must be one of stop, skip, got "hold"' }] },
  ])('reports $name', ({ input, issues }) => {
    expect(parseApprovalPolicy(input)).toEqual({ ok: false, issues });
  });

  it('reports every issue at once, each with its path', () => {
    const result = parseApprovalPolicy(
      {
        approvers: { users: ['alice', 'Bob@x.io', 'bob@X.io'], objectIds: ['not-a-guid'], groups: [7], teams: ['t'] },
        quorum: 1.5,
        onExpire: 'ignore',
        requireChecksFirst: 'yes',
        channels: { teams: { webhookUrl: 'https://prod.flow' }, webhook: { urlSetting: 'HOOK URL' }, slack: {} },
        approver: 'typo',
      },
      'gatePolicies[0].approval',
    );

    // Every issue, in no particular order: zod reports unknown keys after the known fields.
    const byPath = <T extends { path: string }>(issues: readonly T[]) => [...issues].sort((a, b) => a.path.localeCompare(b.path));
    expect(result.ok).toBe(false);
    expect(byPath(result.ok ? [] : result.issues)).toEqual(byPath([
        { path: 'gatePolicies[0].approval.approver', message: 'unknown key (allowed: approvers, quorum, expiresAfterMinutes, onExpire, onReject, requireChecksFirst, channels)' },
        { path: 'gatePolicies[0].approval.approvers.teams', message: 'unknown key (allowed: users, objectIds, groups, role)' },
        { path: 'gatePolicies[0].approval.approvers.users[0]', message: 'must match a user principal name (name@domain)' },
        { path: 'gatePolicies[0].approval.approvers.users[2]', message: 'duplicate "bob@X.io"' },
        { path: 'gatePolicies[0].approval.approvers.objectIds[0]', message: 'must match an object id (GUID)' },
        { path: 'gatePolicies[0].approval.approvers.groups[0]', message: 'expected a string, got number 7' },
        { path: 'gatePolicies[0].approval.quorum', message: 'expected a whole number' },
        { path: 'gatePolicies[0].approval.onExpire', message: 'must be one of stop, skip, hold, got "ignore"' },
        { path: 'gatePolicies[0].approval.requireChecksFirst', message: 'expected true or false, got "yes"' },
        { path: 'gatePolicies[0].approval.channels.slack', message: 'unknown key (allowed: teams, webhook)' },
        { path: 'gatePolicies[0].approval.channels.teams.webhookUrl', message: 'unknown key (allowed: webhookUrlSetting)' },
        { path: 'gatePolicies[0].approval.channels.teams.webhookUrlSetting', message: 'is required' },
        { path: 'gatePolicies[0].approval.channels.webhook.urlSetting', message: 'must match an app setting name (letters, digits, _)' },
        { path: 'gatePolicies[0].approval.channels.webhook.secretSetting', message: 'is required' },
    ]));
  });

  it('reports a person listed twice (case-insensitive): they must not count twice', () => {
    expect(parseApprovalPolicy({ approvers: { users: ['bob@x.io', 'Bob@X.io'] } })).toEqual({
      ok: false,
      issues: [{ path: 'approval.approvers.users[1]', message: 'duplicate "Bob@X.io"' }],
    });
  });
});

describe('isAllowedApprover', () => {
  it.each([
    { who: 'a listed object id (any case)', principal: ALICE, allowed: true },
    { who: 'a listed UPN, compared case-insensitively', principal: { ...BOB, name: 'BOB@contoso.com' }, allowed: true },
    { who: 'a member of a listed group', principal: CAROL_IN_OPS, allowed: true },
    { who: 'a group id in upper case', principal: { ...CAROL_IN_OPS, groups: [OPS_GROUP.toUpperCase()] }, allowed: true },
    { who: 'nobody listed', principal: MALLORY, allowed: false },
    { who: 'a name that only looks like a listed object id', principal: { name: ALICE_OID, groups: [] }, allowed: false },
  ])('$who → $allowed', ({ principal, allowed }) => {
    expect(isAllowedApprover(aPolicy(), principal)).toBe(allowed);
  });
});
