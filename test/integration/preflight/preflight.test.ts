import { afterEach, describe, expect, it } from 'vitest';
import { runPreflight } from '../../../src/app/preflight/runPreflight';
import type { PreflightFinding } from '../../../src/domain/preflight/preflightFinding';
import type { ReleaseSource } from '../../../src/ports';
import { advanceClock, armRequests, control } from '../../support/emulatorControl';
import { CATALOGUE_READER_ACTIONS, deploymentRoles, preflightScenario, RG_A, RG_B, setRoles, startPreflightWorld, SUB, type PreflightWorld } from './preflightWorld';

const summary = (findings: readonly PreflightFinding[]): string[] => findings.map((f) => `${f.area}/${f.code}/${f.subject}`).sort();

/**
 * A member whose group Fleet lists as `Prod`: current Fleet api-versions only accept lowercase group names, so the
 * emulator (following them) cannot hold one; members written earlier or by other tools can. Everything else is the
 * emulator's answer.
 */
function withLegacyGroup(source: ReleaseSource, member: string, group: string): ReleaseSource {
  return {
    listMembers: async (fleetId) => (await source.listMembers(fleetId)).map((m) => (m.name === member ? { ...m, group } : m)),
    listManagedClusters: (s) => source.listManagedClusters(s),
    listKubernetesVersions: (s, r) => source.listKubernetesVersions(s, r),
    listNodeImageVersions: (s, r) => source.listNodeImageVersions(s, r),
  };
}

describe('preflight against the emulator', () => {
  let world: PreflightWorld | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it('a clean fleet (the deployment\'s roles, groups matching, supported versions, no own channels, open windows, fresh data) reports nothing, with batched ARM calls', async () => {
    world = await startPreflightWorld(
      preflightScenario([
        { name: 'dev-1', group: 'dev', resourceGroup: 'rg-aks-a', maintenanceWindow: { startHourUtc: 6, durationHours: 6 } },
        { name: 'canary-1', group: 'canary', resourceGroup: 'rg-aks-a', kubernetesVersion: '1.32.7' },
        { name: 'prod-1', group: 'prod', resourceGroup: 'rg-aks-b' },
        { name: 'prod-2', group: 'prod', resourceGroup: 'rg-aks-b' },
      ]),
    );
    await setRoles(world, deploymentRoles());
    await advanceClock(world.emulator, 600);
    await control(world.emulator, 'DELETE', '/_emulator/requests');

    const fleet = world.deps.config.fleets[0]!;
    const report = await runPreflight(world.deps, fleet, world.deps.clock.nowIso());

    expect(report.findings).toEqual([]);
    expect([...report.checked].sort()).toEqual(['autoUpgrade', 'groups', 'maintenance', 'permissions', 'versions', 'workspace']);
    // One member list, one cluster list (one subscription), one version list (one region), one permissions call per
    // scope (the fleet, rg-aks-a, rg-aks-b), one maintenance list per member (ARM has no wider one): 10 ARM calls.
    const calls = (await armRequests(world.emulator)).map((r) => r.path.replace(`/subscriptions/${SUB}`, '~'));
    expect(calls.filter((p) => p.endsWith('/members'))).toHaveLength(1);
    expect(calls.filter((p) => p === '~/providers/Microsoft.ContainerService/managedClusters')).toHaveLength(1);
    expect(calls.filter((p) => p.endsWith('/kubernetesVersions'))).toHaveLength(1);
    expect(calls.filter((p) => p.endsWith('/Microsoft.Authorization/permissions')).sort()).toEqual([
      '~/resourceGroups/rg-aks-a/providers/Microsoft.Authorization/permissions',
      '~/resourceGroups/rg-aks-b/providers/Microsoft.Authorization/permissions',
      '~/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-pre/providers/Microsoft.Authorization/permissions',
    ]);
    expect(calls.filter((p) => p.endsWith('/maintenanceConfigurations'))).toHaveLength(4);
    expect(calls).toHaveLength(10);
    const queries = (await control<{ value: unknown[] }>(world.emulator, 'GET', '/_emulator/requests?service=logs')).value;
    expect(queries).toHaveLength(1);
  });

  it('names each problem with its evidence and fix: a missing role on one member resource group, Prod/prod, two minors behind, an own auto-upgrade channel, a closed window, no fresh data', async () => {
    world = await startPreflightWorld(
      preflightScenario([
        // Two minors behind the region's newest (1.32), and its window (02:00-06:00 UTC) is closed at 08:10.
        { name: 'dev-1', group: 'dev', resourceGroup: 'rg-aks-a', kubernetesVersion: '1.30.9', maintenanceWindow: { startHourUtc: 2, durationHours: 4 } },
        { name: 'canary-1', group: 'canary', resourceGroup: 'rg-aks-a', autoUpgradeChannel: 'stable' },
        // In the resource group the identity cannot read maintenance configurations in; its agent sends nothing.
        { name: 'prod-1', group: 'prod', resourceGroup: 'rg-aks-b', metricsFlowing: false },
      ]),
    );
    // The catalogue role without maintenanceConfigurations/read at the subscription; Reader on rg-aks-a only.
    const catalogue = CATALOGUE_READER_ACTIONS.filter((a) => !a.includes('maintenanceConfigurations'));
    const roles = deploymentRoles(catalogue) as { value: unknown[] };
    await setRoles(world, { value: [...roles.value, { scope: RG_A, roleDefinitionName: 'Reader' }] });
    await advanceClock(world.emulator, 600);

    const deps = { ...world.deps, source: withLegacyGroup(world.deps.source, 'prod-1', 'Prod') };
    const report = await runPreflight(deps, deps.config.fleets[0]!, deps.clock.nowIso());

    expect(summary(report.findings)).toEqual([
      'autoUpgrade/MemberAutoUpgradeOn/canary-1',
      'groups/GroupCaseMismatch/prod-1',
      'maintenance/MaintenanceWindowClosed/dev-1',
      `permissions/MissingPermission/${RG_B}`,
      'versions/TargetTooFar/dev-1',
      'workspace/NoData/prod-1',
    ]);
    const find = (code: string): PreflightFinding => report.findings.find((f) => f.code === code)!;

    const permission = find('MissingPermission');
    expect(permission.evidence).toMatchObject({ scope: RG_B, action: 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations/read', members: ['prod-1'] });
    // The call's own 403 is the second witness, in the same finding.
    expect(permission.evidence.refusedCalls).toEqual([expect.objectContaining({ call: 'list maintenance configurations of prod-1', status: 403, code: 'AuthorizationFailed' })]);
    expect(permission.fix).toBe(`Grant the app's identity the deployment's 'Fleet Conductor catalogue reader' role (infra/app/roles.bicep) or the built-in 'Reader' role on ${RG_B}.`);

    expect(find('GroupCaseMismatch')).toMatchObject({ evidence: { memberGroup: 'Prod', strategyGroup: 'prod' }, fix: "Set the member's group to 'prod' (az fleet member update --group prod)." });
    expect(find('TargetTooFar')).toMatchObject({ evidence: { kubernetesVersion: '1.30.9', reference: '1.32', minorsBehind: 2 } });
    expect(find('TargetTooFar').fix).toContain('Upgrade dev-1 to 1.31 first');
    expect(find('MemberAutoUpgradeOn')).toMatchObject({ evidence: { autoUpgradeChannel: 'stable' } });
    expect(find('MemberAutoUpgradeOn').fix).toContain('--auto-upgrade-channel none');
    expect(find('MaintenanceWindowClosed')).toMatchObject({ evidence: { configuration: 'aksManagedAutoUpgradeSchedule', nextOpeningAt: '2026-11-22T02:00:00.000Z' } });
    expect(find('MaintenanceWindowClosed').fix).toContain('2026-11-22T02:00:00.000Z');
    expect(find('NoData').evidence).toMatchObject({ table: 'KubeNodeInventory', neededBy: ['every gate', 'dev-health/nodes'], tablesWithData: [] });
    expect(find('NoData').fix).toContain('Container Insights');
    // The maintenance area could not be read everywhere, so it is not claimed as checked.
    expect(report.checked).not.toContain('maintenance');
  });

  it('reports data that stopped arriving as stale, with its age', async () => {
    world = await startPreflightWorld(preflightScenario([{ name: 'dev-1', group: 'dev', resourceGroup: 'rg-aks-a' }, { name: 'canary-1', group: 'canary', resourceGroup: 'rg-aks-a' }, { name: 'prod-1', group: 'prod', resourceGroup: 'rg-aks-b' }]));
    await advanceClock(world.emulator, 600);
    await control(world.emulator, 'POST', '/_emulator/clusters/aks-canary-1/health', { metricsFlowing: false });
    await advanceClock(world.emulator, 1800);
    const report = await runPreflight(world.deps, world.deps.config.fleets[0]!, world.deps.clock.nowIso());
    expect(summary(report.findings)).toEqual(['workspace/StaleData/canary-1']);
    // The last sample before the agent stopped (samples every 60 s) is 30 to 31 minutes old.
    expect(report.findings[0]!.evidence.ageMinutes).toBeGreaterThanOrEqual(30);
    expect(report.findings[0]!.evidence.ageMinutes).toBeLessThanOrEqual(31);
  });

  it('a fleet resource the identity holds nothing on: every fleet action is named missing, and the member list\'s 403 joins its finding', async () => {
    world = await startPreflightWorld(preflightScenario([{ name: 'dev-1', group: 'dev', resourceGroup: 'rg-aks-a' }]));
    await setRoles(world, { value: [{ scope: `/subscriptions/${SUB}`, permissions: { actions: CATALOGUE_READER_ACTIONS } }] });
    const report = await runPreflight(world.deps, world.deps.config.fleets[0]!, world.deps.clock.nowIso());
    const missing = report.findings.filter((f) => f.code === 'MissingPermission');
    expect(missing).toHaveLength(12);
    const members = missing.find((f) => f.evidence.action === 'Microsoft.ContainerService/fleets/members/read')!;
    expect(members.evidence.refusedCalls).toEqual([expect.objectContaining({ call: 'list fleet members', status: 403 })]);
    expect(members.fix).toContain("'Reader'");
    expect(missing.find((f) => f.evidence.action === 'Microsoft.ContainerService/fleets/gates/write')!.fix).toContain("'Azure Kubernetes Fleet Manager Contributor Role'");
    expect(report.checked).toEqual(['permissions']);
  });

  it('a refused workspace query names the Log Analytics action and role; a failed version list says what went unchecked', async () => {
    world = await startPreflightWorld(preflightScenario([{ name: 'dev-1', group: 'dev', resourceGroup: 'rg-aks-a' }, { name: 'canary-1', group: 'canary', resourceGroup: 'rg-aks-a' }, { name: 'prod-1', group: 'prod', resourceGroup: 'rg-aks-b' }]));
    await control(world.emulator, 'POST', '/_emulator/faults', { service: 'logs', status: 403, code: 'InsufficientAccessError', times: 1 });
    await control(world.emulator, 'POST', '/_emulator/faults', { service: 'arm', pathPattern: 'kubernetesVersions', status: 500, times: 1 });
    const report = await runPreflight(world.deps, world.deps.config.fleets[0]!, world.deps.clock.nowIso());

    expect(summary(report.findings)).toEqual(['permissions/CallFailed/' + `/subscriptions/${SUB}`, `permissions/CallForbidden/workspace ${world.deps.config.fleets[0]!.logAnalyticsWorkspaceId}`]);
    const refused = report.findings.find((f) => f.code === 'CallForbidden')!;
    expect(refused.evidence).toMatchObject({ action: 'Microsoft.OperationalInsights/workspaces/query/read' });
    expect(refused.fix).toContain("'Log Analytics Reader'");
    expect(report.checked).not.toContain('versions');
  });

  it('a member collected with Cost-optimized under a gate policy sized for Standard is named, with the observed cadence; declaring the preset clears it', async () => {
    const members = [
      { name: 'dev-1', group: 'dev', resourceGroup: 'rg-aks-a' as const, collectionPreset: 'cost-optimized' as const },
      { name: 'canary-1', group: 'canary', resourceGroup: 'rg-aks-a' as const },
      { name: 'prod-1', group: 'prod', resourceGroup: 'rg-aks-b' as const },
    ];
    world = await startPreflightWorld(preflightScenario(members));
    await advanceClock(world.emulator, 3600);
    const report = await runPreflight(world.deps, world.deps.config.fleets[0]!, world.deps.clock.nowIso());
    expect(summary(report.findings)).toEqual(['workspace/CollectionPresetMismatch/dev-1']);
    expect(report.findings[0]!.evidence).toMatchObject({ observedPreset: 'cost-optimized', observedIntervalMinutes: 5, declaredPresets: { 'dev-health': 'standard' } });
    expect(report.findings[0]!.fix).toContain('analysis.collectionPreset: cost-optimized');
    await world.stop();

    world = await startPreflightWorld(preflightScenario(members), { collectionPreset: 'cost-optimized' });
    await advanceClock(world.emulator, 3600);
    expect((await runPreflight(world.deps, world.deps.config.fleets[0]!, world.deps.clock.nowIso())).findings).toEqual([]);
  });
});
