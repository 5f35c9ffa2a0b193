import type { FleetConfig } from '../../domain/config/conductorConfig';
import { checkAutoUpgrade } from '../../domain/preflight/checkAutoUpgrade';
import { checkGroups } from '../../domain/preflight/checkGroups';
import { checkMaintenance, type MemberMaintenance } from '../../domain/preflight/checkMaintenance';
import { checkPermissions, type CallError, type FailedCall, type ScopePermissions } from '../../domain/preflight/checkPermissions';
import { checkVersions } from '../../domain/preflight/checkVersions';
import { checkWorkspace, isAccessRefusal } from '../../domain/preflight/checkWorkspace';
import { uncheckedFindings } from '../../domain/preflight/uncheckedFindings';
import type { PreflightArea, PreflightFinding, PreflightReport } from '../../domain/preflight/preflightFinding';
import { BASELINE_TABLES, renderWorkspaceQuery, tablesOfCheck } from '../../domain/preflight/workspaceQuery';
import { regionKey, type RegionalAvailability } from '../../domain/versions/fleetFacts';
import type { ManagedClusterFacts } from '../../ports';
import { collectionOf, type GatePolicy } from '../../domain/gates/gatePolicy';
import type { PreflightDeps } from './preflightDeps';
import { toMemberFacts } from '../releases/toMemberFacts';

const subscriptionOf = (id: string): string | undefined => /^\/subscriptions\/([^/]+)\//i.exec(id)?.[1];
const resourceGroupOf = (id: string): string | undefined => /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+)\//i.exec(id)?.[1];

/**
 * The status and code of a failed port call. Adapters throw the SDK's RestError or ArmRequestError, both of which
 * carry `statusCode` (and `code`); reading those two fields keeps this use case free of adapter imports.
 */
function callError(error: unknown): CallError | undefined {
  const e = error as { statusCode?: unknown; code?: unknown; message?: unknown } | undefined;
  if (typeof e?.statusCode !== 'number') return undefined;
  return { status: e.statusCode, ...(typeof e.code === 'string' ? { code: e.code } : {}), message: typeof e.message === 'string' ? e.message : String(error) };
}

/** Runs `call`; a failure with an HTTP status is recorded as a FailedCall and gives undefined, anything else throws. */
async function attempt<T>(failed: FailedCall[], what: Omit<FailedCall, 'error'>, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    const e = callError(error);
    if (!e) throw error;
    failed.push({ ...what, error: e });
    return undefined;
  }
}

/** The gate policies the fleet's strategy uses. */
function fleetPolicies(deps: PreflightDeps, fleet: FleetConfig): GatePolicy[] {
  const slots = fleet.strategy.stages.flatMap((s) => [s.beforeGate, s.afterGate, ...s.groups.flatMap((g) => [g.beforeGate, g.afterGate])]);
  return [...new Set(slots.filter((s): s is string => s !== undefined))].flatMap((id) => deps.config.gatePolicies.filter((p) => p.id === id));
}

/** The tables the fleet's gate checks read, each with the checks that need it, plus the baseline every gate reads. */
function expectedTables(policies: readonly GatePolicy[]): Record<string, string[]> {
  const tables: Record<string, string[]> = Object.fromEntries(BASELINE_TABLES.map((t) => [t, ['every gate']]));
  for (const policy of policies) {
    for (const check of policy.checks) {
      for (const table of tablesOfCheck(check) ?? []) (tables[table] ??= []).push(`${policy.id}/${check.name}`);
    }
  }
  return tables;
}

/**
 * The preflight of one fleet (`GET /api/fleets/{fleet}/preflight`): what would make a run fail, stall or go
 * unguarded, each with its evidence and fix. Reads only, batched: one member list, one cluster list per
 * subscription, one version list per region, one permissions call per scope (the fleet and each member resource
 * group), one maintenance list per member cluster (ARM offers no wider list), and ONE Log Analytics query. A call
 * refused with 403 becomes a finding naming the action; the checks that needed its answer are skipped and say so
 * through `checked`.
 */
export async function runPreflight(deps: PreflightDeps, fleet: FleetConfig, plannedAt: string): Promise<PreflightReport> {
  const now = deps.clock.nowIso();
  const failed: FailedCall[] = [];
  const checked = new Set<PreflightArea>(['permissions']);
  const findings: PreflightFinding[] = [];

  const refs = await attempt(failed, { call: 'list fleet members', scope: fleet.fleetId, scopeKind: 'fleet', action: 'Microsoft.ContainerService/fleets/members/read' }, () =>
    deps.source.listMembers(fleet.fleetId),
  );
  const memberRefs = refs ?? [];
  const subscriptions = [...new Set(memberRefs.map((m) => subscriptionOf(m.clusterResourceId)).filter((s): s is string => s !== undefined))];
  const groups = [...new Map(memberRefs.flatMap((m) => { const rg = resourceGroupOf(m.clusterResourceId); return rg ? [[rg.toLowerCase(), rg] as const] : []; })).values()];

  const [clusterLists, permissions, maintenance, evaluation] = await Promise.all([
    Promise.all(
      subscriptions.map((s) =>
        attempt(failed, { call: 'list managed clusters', scope: `/subscriptions/${s}`, scopeKind: 'subscription', action: 'Microsoft.ContainerService/managedClusters/read' }, () =>
          deps.source.listManagedClusters(s),
        ),
      ),
    ),
    Promise.all([
      deps.preflight.listPermissions(fleet.fleetId).then((r): ScopePermissions => ({ scope: fleet.fleetId, kind: 'fleet', result: r.ok ? { entries: r.value } : { failure: r.error } })),
      ...groups.map((rg) =>
        deps.preflight.listPermissions(rg).then((r): ScopePermissions => ({
          scope: rg,
          kind: 'memberResourceGroup',
          members: memberRefs.filter((m) => resourceGroupOf(m.clusterResourceId)?.toLowerCase() === rg.toLowerCase()).map((m) => m.name),
          result: r.ok ? { entries: r.value } : { failure: r.error },
        })),
      ),
    ]),
    Promise.all(
      memberRefs.map(async (m): Promise<MemberMaintenance | undefined> => {
        const r = await deps.preflight.listMaintenanceConfigurations(m.clusterResourceId);
        if (r.ok) return { member: m.name, configurations: r.value };
        failed.push({ call: `list maintenance configurations of ${m.name}`, scope: resourceGroupOf(m.clusterResourceId) ?? m.clusterResourceId, scopeKind: 'memberResourceGroup', action: 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations/read', error: r.error });
        return undefined;
      }),
    ),
    deps.releases.getEvaluation(fleet.fleetId),
  ]);

  const clusters = new Map<string, ManagedClusterFacts>();
  for (const list of clusterLists) for (const c of list ?? []) clusters.set(c.resourceId.toLowerCase(), c);
  const members = memberRefs.flatMap((m) => {
    const c = clusters.get(m.clusterResourceId.toLowerCase());
    return c ? [toMemberFacts(m, c)] : [];
  });

  if (refs) {
    checked.add('groups');
    findings.push(...checkGroups(memberRefs, fleet.strategy.name, fleet.strategy.stages.flatMap((s) => s.groups.map((g) => g.name))));
  }

  if (clusterLists.every((l) => l !== undefined) && refs) {
    checked.add('autoUpgrade');
    findings.push(...checkAutoUpgrade(members));
    const regions = [...new Set(members.map((m) => regionKey(m.region)))].sort();
    const perRegion = await Promise.all(
      regions.map(async (region) => {
        const versions = await attempt(
          failed,
          { call: `list Kubernetes versions in ${region}`, scope: `/subscriptions/${fleet.subscriptionId}`, scopeKind: 'subscription', action: 'Microsoft.ContainerService/locations/kubernetesVersions/read' },
          () => deps.source.listKubernetesVersions(fleet.subscriptionId, region),
        );
        return versions ? ([[region, { kubernetesVersions: versions }]] as const) : [];
      }),
    );
    if (perRegion.every((r) => r.length > 0)) {
      checked.add('versions');
      const availability: RegionalAvailability = Object.fromEntries(perRegion.flat());
      findings.push(...checkVersions(members, availability, evaluation?.target));
    }
  }

  if (refs && maintenance.every((m) => m !== undefined)) checked.add('maintenance');
  const kind = evaluation?.target?.kind ?? (fleet.release?.policy.channel === 'nodeimage' ? 'nodeimage' : 'kubernetes');
  findings.push(...checkMaintenance(maintenance.filter((m): m is MemberMaintenance => m !== undefined), kind, plannedAt));

  if (refs && memberRefs.length > 0) {
    checked.add('workspace');
    const policies = fleetPolicies(deps, fleet);
    const tables = expectedTables(policies);
    const declaredPresets = Object.fromEntries(policies.map((p) => [p.id, collectionOf(p.analysis).preset]));
    const query = renderWorkspaceQuery(Object.keys(tables), memberRefs.map((m) => m.clusterResourceId), now);
    const result = await deps.logs.query(fleet.logAnalyticsWorkspaceId, query.text, query.window);
    if ('error' in result && isAccessRefusal(result.error)) {
      failed.push({ call: 'query the workspace', scope: `workspace ${fleet.logAnalyticsWorkspaceId}`, scopeKind: 'workspace', action: 'Microsoft.OperationalInsights/workspaces/query/read', error: { status: 403, ...(result.error.code ? { code: result.error.code } : {}), message: result.error.message } });
    }
    findings.push(...checkWorkspace(result, memberRefs, { workspaceId: fleet.logAnalyticsWorkspaceId, tables, declaredPresets, now }));
  }

  findings.unshift(...checkPermissions(permissions, failed), ...uncheckedFindings(failed));
  return { fleet: fleet.name, fleetId: fleet.fleetId, checkedAt: now, plannedAt, checked: [...checked], findings };
}

/** The preflight of a configured fleet by name; undefined when no such fleet is configured. */
export async function getPreflight(deps: PreflightDeps, fleetName: string, plannedAt?: string): Promise<PreflightReport | undefined> {
  const fleet = deps.config.fleets.find((f) => f.name === fleetName.toLowerCase());
  if (!fleet) return undefined;
  return runPreflight(deps, fleet, plannedAt ?? deps.clock.nowIso());
}
