import { describe, expect, it } from 'vitest';
import { checkGroups } from '../../../../src/domain/preflight/checkGroups';

describe('checkGroups: member update groups against the strategy', () => {
  it('names a case-only difference as a near miss (Fleet compares case-sensitively) and does not call the group empty', () => {
    const findings = checkGroups([{ name: 'prod-1', group: 'Prod' }, { name: 'dev-1', group: 'dev' }], 'staged', ['dev', 'prod']);
    expect(findings).toEqual([
      expect.objectContaining({ code: 'GroupCaseMismatch', subject: 'prod-1', evidence: { member: 'prod-1', memberGroup: 'Prod', strategyGroup: 'prod' }, fix: "Set the member's group to 'prod' (az fleet member update --group prod)." }),
    ]);
    expect(findings[0]!.message).toContain('case-sensitively');
  });

  it('reports a member in no group, a group the strategy does not name, and a strategy group with no member', () => {
    const findings = checkGroups([{ name: 'a' }, { name: 'b', group: 'production' }, { name: 'c', group: 'dev' }], 'staged', ['dev', 'prod']);
    expect(findings.map((f) => [f.code, f.subject, f.severity])).toEqual([
      ['MemberWithoutGroup', 'a', 'error'],
      ['GroupNotInStrategy', 'b', 'error'],
      ['EmptyStrategyGroup', 'prod', 'warning'],
    ]);
    expect(findings[1]!.fix).toContain("Add group 'production'");
  });

  it('finds nothing when every member is in a strategy group and every group has a member', () => {
    expect(checkGroups([{ name: 'a', group: 'dev' }, { name: 'b', group: 'prod' }], 'staged', ['dev', 'prod'])).toEqual([]);
  });
});
