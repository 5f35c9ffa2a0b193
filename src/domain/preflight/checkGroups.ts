import type { PreflightFinding } from './preflightFinding';

export interface GroupedMember {
  readonly name: string;
  readonly group?: string;
}

/**
 * Members' update groups against the strategy's groups. Fleet matches group names case-sensitively (a member whose
 * group is `Prod` is not in the strategy's `prod` group, and an update run skips it), so an exact match is required;
 * a case-insensitive match is named as a near miss (current Fleet api-versions constrain group names to lowercase,
 * but members written earlier or through other tools can still carry `Prod`). Members in no group are not updated by a staged run; strategy
 * groups no member belongs to make a stage wait on nothing.
 */
export function checkGroups(members: readonly GroupedMember[], strategyName: string, strategyGroups: readonly string[]): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  const exact = new Set(strategyGroups);
  const used = new Set<string>();
  for (const m of members) {
    if (m.group === undefined || m.group === '') {
      findings.push({
        area: 'groups',
        code: 'MemberWithoutGroup',
        severity: 'error',
        subject: m.name,
        message: `Member ${m.name} has no update group; strategy ${strategyName} never updates it.`,
        evidence: { member: m.name, strategyGroups },
        fix: `Set the member's update group to one of: ${strategyGroups.join(', ')} (az fleet member update --group).`,
      });
      continue;
    }
    if (exact.has(m.group)) {
      used.add(m.group);
      continue;
    }
    const nearMiss = strategyGroups.find((g) => g.toLowerCase() === m.group?.toLowerCase());
    if (nearMiss !== undefined) used.add(nearMiss);
    findings.push(
      nearMiss !== undefined
        ? {
            area: 'groups',
            code: 'GroupCaseMismatch',
            severity: 'error',
            subject: m.name,
            message: `Member ${m.name} is in group '${m.group}', but strategy ${strategyName} names '${nearMiss}'; Fleet compares group names case-sensitively, so the run skips this member.`,
            evidence: { member: m.name, memberGroup: m.group, strategyGroup: nearMiss },
            // conductor.yaml and current Fleet api-versions only take lowercase group names (pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$),
            // so the member is the side to change: its group predates that rule or was written by another tool.
            fix: `Set the member's group to '${nearMiss}' (az fleet member update --group ${nearMiss}).`,
          }
        : {
            area: 'groups',
            code: 'GroupNotInStrategy',
            severity: 'error',
            subject: m.name,
            message: `Member ${m.name} is in group '${m.group}', which strategy ${strategyName} does not name; the run skips this member.`,
            evidence: { member: m.name, memberGroup: m.group, strategyGroups },
            fix: `Add group '${m.group}' to a stage of ${strategyName} in conductor.yaml, or move the member to one of: ${strategyGroups.join(', ')}.`,
          },
    );
  }
  for (const g of strategyGroups) {
    if (used.has(g)) continue;
    findings.push({
      area: 'groups',
      code: 'EmptyStrategyGroup',
      severity: 'warning',
      subject: g,
      message: `Strategy ${strategyName} has group '${g}', but no member is in it.`,
      evidence: { strategyGroup: g, memberGroups: [...new Set(members.flatMap((m) => (m.group ? [m.group] : [])))].sort() },
      fix: `Put the intended members in group '${g}', or remove it from ${strategyName} in conductor.yaml.`,
    });
  }
  return findings;
}
