import type { PreflightFinding } from './preflightFinding';
import { windowAt, type MaintenanceConfiguration } from './maintenanceWindow';

export interface MemberMaintenance {
  readonly member: string;
  readonly configurations: readonly MaintenanceConfiguration[];
}

/** The configuration that governs each kind of upgrade (Microsoft Learn, AKS "Use planned maintenance"). */
export const SCHEDULE_FOR = { kubernetes: 'aksManagedAutoUpgradeSchedule', nodeimage: 'aksManagedNodeOSUpgradeSchedule' } as const;

/**
 * Members whose planned-maintenance window is closed at `plannedAt`: Fleet update runs honor the maintenance windows
 * set on member clusters (Microsoft Learn, Fleet "Update orchestration across multiple member clusters", planned
 * maintenance), so such a member waits Pending until the window opens. Configurations without a window
 * (the legacy `default` one) are not evaluated.
 */
export function checkMaintenance(members: readonly MemberMaintenance[], kind: keyof typeof SCHEDULE_FOR, plannedAt: string): PreflightFinding[] {
  const name = SCHEDULE_FOR[kind];
  const findings: PreflightFinding[] = [];
  for (const m of members) {
    const config = m.configurations.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!config?.maintenanceWindow) continue;
    const state = windowAt(config.maintenanceWindow, plannedAt);
    if (state.open) continue;
    findings.push({
      area: 'maintenance',
      code: 'MaintenanceWindowClosed',
      severity: 'warning',
      subject: m.member,
      message: `Member ${m.member}'s maintenance window ${name} is closed at ${plannedAt}; the run would hold it Pending${state.nextOpeningAt ? ` until ${state.nextOpeningAt}` : ''}.`,
      evidence: { member: m.member, configuration: name, maintenanceWindow: config.maintenanceWindow, plannedAt, ...(state.nextOpeningAt ? { nextOpeningAt: state.nextOpeningAt } : {}) },
      fix: state.nextOpeningAt
        ? `Plan the run for ${state.nextOpeningAt} or later, or widen the window (az aks maintenanceconfiguration update --name ${name}).`
        : `Widen the window (az aks maintenanceconfiguration update --name ${name}); it never opens as configured.`,
    });
  }
  return findings;
}
