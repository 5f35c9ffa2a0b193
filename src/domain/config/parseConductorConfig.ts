import { childPath, type ConfigIssue, type ConfigResult } from '../gates/configIssue';
import { readArray, readNumber, readObject, readString, rejectUnknownKeys, type Fields, type IssueList } from '../gates/configReader';
import { parseGatePolicies } from '../gates/parseGatePolicies';
import type { GatePolicy } from '../gates/gatePolicy';
import { parseReleasePolicy } from './parseReleasePolicy';
import { checkMaxConcurrency, readMaxConcurrency } from './maxConcurrency';
import type { ConductorConfig, FleetConfig, GateSlots, StrategyConfig, StrategyGroupConfig, StrategyStageConfig } from './conductorConfig';

const ARM_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ARM_NAME_HINT = 'lowercase letters, digits and inner hyphens';
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const RESOURCE_GROUP = /^[-\w._()]{1,90}$/;
/** Fleet's limit (docs/azure-apis.md §5). */
const MAX_GROUPS_PER_STAGE = 50;

/**
 * Parses config-as-code (already decoded from YAML or JSON): `fleets`, `strategies` and `gatePolicies`.
 * Every problem is reported at once with its path; references (a fleet's strategy, a gate's policy, duplicate
 * groups) are checked across sections.
 */
export function parseConductorConfig(value: unknown): ConfigResult<ConductorConfig> {
  const issues: ConfigIssue[] = [];
  const root = readObject(value, '$', issues);
  if (!root) return { ok: false, issues };
  rejectUnknownKeys(root, ['fleets', 'strategies', 'gatePolicies'], '$', issues);

  const policiesResult = parseGatePolicies(root.gatePolicies ?? [], 'gatePolicies');
  const policies: readonly GatePolicy[] = policiesResult.ok ? policiesResult.value : [];
  if (!policiesResult.ok) issues.push(...policiesResult.issues);
  const policyIds = new Set(policies.map((p) => p.id));
  const policiesKnown = policiesResult.ok;

  const strategies = (readArray(root.strategies ?? [], 'strategies', issues) ?? []).map((s, i) =>
    parseStrategy(s, childPath('strategies', i), issues, (id, at) => {
      if (policiesKnown && !policyIds.has(id)) issues.push({ path: at, message: `no gate policy with id "${id}" (gatePolicies)` });
    }),
  );
  duplicates(strategies.map((s) => s?.name), (i) => childPath(childPath('strategies', i), 'name'), 'strategy', issues);
  const byName = new Map(strategies.filter((s): s is StrategyConfig => s !== undefined).map((s) => [s.name, s]));

  const fleetList = readArray(root.fleets, 'fleets', issues) ?? [];
  if (root.fleets !== undefined && fleetList.length === 0) issues.push({ path: 'fleets', message: 'must list at least one fleet' });
  const fleets = fleetList.map((f, i) => parseFleet(f, childPath('fleets', i), issues, byName));
  duplicates(fleets.map((f) => f?.fleetId.toLowerCase()), (i) => childPath('fleets', i), 'fleet', issues);

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { fleets: fleets.filter((f): f is FleetConfig => f !== undefined), gatePolicies: policies } };
}

function parseFleet(value: unknown, path: string, issues: IssueList, strategies: ReadonlyMap<string, StrategyConfig>): FleetConfig | undefined {
  const f = readObject(value, path, issues);
  if (!f) return undefined;
  rejectUnknownKeys(f, ['name', 'subscriptionId', 'resourceGroup', 'logAnalyticsWorkspaceId', 'strategy', 'release'], path, issues);
  const name = readString(f, 'name', path, issues, { required: true, pattern: ARM_NAME, patternHint: ARM_NAME_HINT, maxLength: 63 });
  const subscriptionId = readString(f, 'subscriptionId', path, issues, { required: true, pattern: GUID, patternHint: 'a GUID' });
  const resourceGroup = readString(f, 'resourceGroup', path, issues, { required: true, pattern: RESOURCE_GROUP, patternHint: 'a resource group name' });
  const workspace = readString(f, 'logAnalyticsWorkspaceId', path, issues, { required: true, pattern: GUID, patternHint: 'a workspace id (GUID)' });
  const strategyName = readString(f, 'strategy', path, issues, { required: true });
  const strategy = strategyName === undefined ? undefined : strategies.get(strategyName);
  if (strategyName !== undefined && !strategy) issues.push({ path: childPath(path, 'strategy'), message: `no strategy named "${strategyName}" (strategies)` });
  const release = f.release === undefined ? undefined : parseReleasePolicy(f.release, childPath(path, 'release'), issues);
  if (!name || !subscriptionId || !resourceGroup || !workspace || !strategy || (f.release !== undefined && !release)) return undefined;
  return {
    ...(release ? { release } : {}),
    name,
    subscriptionId,
    resourceGroup,
    fleetId: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/fleets/${name}`,
    logAnalyticsWorkspaceId: workspace,
    strategy,
  };
}

type PolicyCheck = (policyId: string, at: string) => void;

function parseSlots(fields: Fields, path: string, issues: IssueList, checkPolicy: PolicyCheck): GateSlots {
  const slots: { beforeGate?: string; afterGate?: string } = {};
  for (const key of ['beforeGate', 'afterGate'] as const) {
    const id = readString(fields, key, path, issues);
    if (id === undefined) continue;
    checkPolicy(id, childPath(path, key));
    slots[key] = id;
  }
  return slots;
}

function parseStrategy(value: unknown, path: string, issues: IssueList, checkPolicy: PolicyCheck): StrategyConfig | undefined {
  const s = readObject(value, path, issues);
  if (!s) return undefined;
  rejectUnknownKeys(s, ['name', 'stages'], path, issues);
  const name = readString(s, 'name', path, issues, { required: true, pattern: ARM_NAME, patternHint: ARM_NAME_HINT, maxLength: 50 });
  const stagesPath = childPath(path, 'stages');
  const rawStages = readArray(s.stages, stagesPath, issues) ?? [];
  if (s.stages !== undefined && rawStages.length === 0) issues.push({ path: stagesPath, message: 'must list at least one stage' });
  const stages = rawStages.map((st, i) => parseStage(st, childPath(stagesPath, i), issues, checkPolicy));
  duplicates(stages.map((st) => st?.name), (i) => childPath(childPath(stagesPath, i), 'name'), 'stage', issues);
  const groupNames = stages.flatMap((st, i) => (st?.groups ?? []).map((g, j) => ({ name: g.name, at: childPath(childPath(childPath(stagesPath, i), 'groups'), j) })));
  const seen = new Set<string>();
  for (const g of groupNames) {
    if (seen.has(g.name)) issues.push({ path: g.at, message: `group "${g.name}" appears twice; a member belongs to one group only` });
    seen.add(g.name);
  }
  if (!name || stages.some((st) => st === undefined)) return undefined;
  return { name, stages: stages as StrategyStageConfig[] };
}

function parseStage(value: unknown, path: string, issues: IssueList, checkPolicy: PolicyCheck): StrategyStageConfig | undefined {
  const st = readObject(value, path, issues);
  if (!st) return undefined;
  rejectUnknownKeys(st, ['name', 'groups', 'afterStageWaitInSeconds', 'maxConcurrency', 'beforeGate', 'afterGate'], path, issues);
  const name = readString(st, 'name', path, issues, { required: true, pattern: ARM_NAME, patternHint: ARM_NAME_HINT, maxLength: 50 });
  const wait = readNumber(st, 'afterStageWaitInSeconds', path, issues, { integer: true, min: 0, max: 7 * 24 * 3600, fallback: 0 });
  const groupsPath = childPath(path, 'groups');
  const rawGroups = readArray(st.groups, groupsPath, issues) ?? [];
  if (st.groups !== undefined && rawGroups.length === 0) issues.push({ path: groupsPath, message: 'must list at least one group' });
  if (rawGroups.length > MAX_GROUPS_PER_STAGE) issues.push({ path: groupsPath, message: `Fleet allows at most ${MAX_GROUPS_PER_STAGE} groups per stage` });
  const groups = rawGroups.map((g, i) => parseGroup(g, childPath(groupsPath, i), issues, checkPolicy));
  const maxConcurrency = readMaxConcurrency(st, path, issues);
  checkMaxConcurrency(maxConcurrency, groups.map((g, i) => ({ value: g?.maxConcurrency, path: childPath(groupsPath, i) })), path, issues);
  const slots = parseSlots(st, path, issues, checkPolicy);
  if (!name || wait === undefined || groups.some((g) => g === undefined)) return undefined;
  return { name, afterStageWaitInSeconds: wait, ...(maxConcurrency !== undefined ? { maxConcurrency } : {}), groups: groups as StrategyGroupConfig[], ...slots };
}

/** A group is a name, or `{ name, maxConcurrency?, beforeGate?, afterGate? }`. */
function parseGroup(value: unknown, path: string, issues: IssueList, checkPolicy: PolicyCheck): StrategyGroupConfig | undefined {
  const plain = typeof value === 'string';
  const fields: Fields | undefined = plain ? { name: value } : readObject(value, path, issues);
  if (!fields) return undefined;
  if (!plain) rejectUnknownKeys(fields, ['name', 'maxConcurrency', 'beforeGate', 'afterGate'], path, issues);
  const name = readString(fields, 'name', path, issues, { required: true, pattern: ARM_NAME, patternHint: ARM_NAME_HINT, maxLength: 50 });
  const maxConcurrency = readMaxConcurrency(fields, path, issues);
  const slots = parseSlots(fields, path, issues, checkPolicy);
  return name === undefined ? undefined : { name, ...(maxConcurrency !== undefined ? { maxConcurrency } : {}), ...slots };
}

function duplicates(values: readonly (string | undefined)[], pathOf: (index: number) => string, what: string, issues: IssueList): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (v === undefined) return;
    if (seen.has(v)) issues.push({ path: pathOf(i), message: `duplicate ${what} "${v}"` });
    seen.add(v);
  });
}
