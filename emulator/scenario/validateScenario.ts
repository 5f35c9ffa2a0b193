import type { ClusterHealth, TelemetryWorkload } from '../telemetrySource';
import { readHealthPatch } from '../sim/healthPatch';
import { isValidName } from '../arm/armNames';
import { normalizeStrategy } from '../sim/strategyNormalizer';
import { FieldReader } from './fieldReader';
import type {
  Scenario,
  ScenarioCluster,
  ScenarioFleet,
  ScenarioHealthRule,
  ScenarioMember,
  ScenarioMemberSet,
  ScenarioRegion,
} from './scenarioTypes';

const VERSION = /^\d+\.\d+\.\d+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_SUB = '00000000-0000-0000-0000-000000000000';

function version(r: FieldReader, key: string, fallback?: string): string {
  const v = r.string(key, fallback);
  if (!VERSION.test(v)) r.field(key).fail(`'${v}' is not a Kubernetes patch version like 1.33.4`);
  return v;
}

function armName(r: FieldReader, key: string): string {
  const v = r.string(key);
  if (!isValidName(v)) r.field(key).fail(`'${v}' is not a valid ARM name (lowercase letters, digits, inner hyphens, 1-50)`);
  return v;
}

function health(r: FieldReader | undefined): Partial<ClusterHealth> {
  if (!r) return {};
  return readHealthPatch(r.object(), (message) => r.fail(message));
}

function workload(w: FieldReader): TelemetryWorkload {
  const names = (key: string): string[] | undefined => (w.has(key) ? w.stringArray(key) : undefined);
  const initContainers = names('initContainers');
  const sidecars = names('sidecars');
  const containers = names('containers');
  return {
    namespace: w.string('namespace'),
    controllerName: w.string('controllerName'),
    controllerKind: w.oneOf('controllerKind', ['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'] as const, 'ReplicaSet'),
    replicas: w.number('replicas', 2),
    ...(initContainers ? { initContainers } : {}),
    ...(sidecars ? { sidecars } : {}),
    ...(containers ? { containers } : {}),
  };
}

function cluster(r: FieldReader, defaults: Scenario['defaults'], regions: Record<string, ScenarioRegion>): ScenarioCluster {
  const location = r.string('location');
  if (!regions[location]) r.field('location').fail(`region '${location}' is not declared under 'regions'`);
  const fail = r.optional('failUpgrade');
  let failUpgrade: ScenarioCluster['failUpgrade'];
  if (fail) {
    failUpgrade = typeof fail.value === 'boolean' ? fail.value : {
      ...(fail.optionalString('toVersion') ? { toVersion: fail.string('toVersion') } : {}),
      ...(fail.optionalString('code') ? { code: fail.string('code') } : {}),
      ...(fail.optionalString('message') ? { message: fail.string('message') } : {}),
    };
  }
  const mw = r.optional('maintenanceWindow');
  const pdb = r.optional('blockingPdb');
  const drainTimeoutMinutes = pdb?.number('drainTimeoutMinutes', 30);
  if (pdb && drainTimeoutMinutes !== undefined && !(Number.isInteger(drainTimeoutMinutes) && drainTimeoutMinutes >= 5 && drainTimeoutMinutes <= 1440)) {
    pdb.field('drainTimeoutMinutes').fail('must be a whole number of minutes from 5 to 1440 (AKS upgradeSettings.drainTimeoutInMinutes)');
  }
  const workspaceId = r.optionalString('workspaceId');
  if (workspaceId && !GUID.test(workspaceId)) r.field('workspaceId').fail('must be a GUID');
  return {
    name: r.string('name'),
    resourceGroup: r.string('resourceGroup', 'rg-clusters'),
    location,
    kubernetesVersion: version(r, 'kubernetesVersion', defaults.kubernetesVersion),
    nodeImageVersion: r.string('nodeImageVersion', defaults.nodeImageVersion),
    nodeCount: r.number('nodeCount', defaults.nodeCount),
    agentPools: r.array('agentPools').map((p) => ({
      name: p.string('name'),
      count: p.number('count', defaults.nodeCount),
      vmSize: p.string('vmSize', 'Standard_D4s_v5'),
      osType: p.oneOf('osType', ['Linux', 'Windows'] as const, 'Linux'),
      mode: p.oneOf('mode', ['System', 'User'] as const, 'System'),
    })),
    autoUpgradeChannel: r.string('autoUpgradeChannel', 'none'),
    nodeOSUpgradeChannel: r.string('nodeOSUpgradeChannel', 'None'),
    ...(mw ? { maintenanceWindow: { startHourUtc: mw.number('startHourUtc'), durationHours: mw.number('durationHours') } } : {}),
    upgradeMinutes: r.number('upgradeMinutes', defaults.upgradeMinutes),
    ...(failUpgrade !== undefined ? { failUpgrade } : {}),
    ...(pdb ? { blockingPdb: { namespace: pdb.string('namespace'), name: pdb.string('name'), drainTimeoutMinutes: drainTimeoutMinutes ?? 30 } } : {}),
    ...(workspaceId ? { workspaceId } : {}),
    workloads: r.array('workloads').map(workload),
    pvcCount: r.number('pvcCount', 0),
    health: health(r.optional('health')),
    ...(r.stringMap('tags') ? { tags: r.stringMap('tags') } : {}),
  };
}

function member(r: FieldReader, defaults: Scenario['defaults'], regions: Record<string, ScenarioRegion>): ScenarioMember {
  const group = r.optionalString('group');
  if (group !== undefined && !isValidName(group)) r.field('group').fail(`'${group}' is not a valid group name`);
  const labels = r.stringMap('labels');
  return {
    name: armName(r, 'name'),
    ...(group ? { group } : {}),
    ...(labels ? { labels } : {}),
    cluster: cluster(r.field('cluster'), defaults, regions),
  };
}

function memberSet(r: FieldReader, regions: Record<string, ScenarioRegion>): ScenarioMemberSet {
  const set: ScenarioMemberSet = {
    count: r.number('count'),
    namePrefix: r.string('namePrefix'),
    groups: r.stringArray('groups'),
    regions: r.stringArray('regions'),
    resourceGroup: r.string('resourceGroup', 'rg-clusters'),
    ...(r.optionalString('kubernetesVersion') ? { kubernetesVersion: version(r, 'kubernetesVersion') } : {}),
    ...(r.optionalString('nodeImageVersion') ? { nodeImageVersion: r.string('nodeImageVersion') } : {}),
    ...(r.optionalNumber('nodeCount') !== undefined ? { nodeCount: r.number('nodeCount') } : {}),
    ...(r.optionalNumber('upgradeMinutes') !== undefined ? { upgradeMinutes: r.number('upgradeMinutes') } : {}),
  };
  if (set.groups.length === 0 || set.regions.length === 0) r.fail("'groups' and 'regions' must not be empty");
  for (const region of set.regions) if (!regions[region]) r.field('regions').fail(`region '${region}' is not declared`);
  return set;
}

function fleet(r: FieldReader, defaults: Scenario['defaults'], regions: Record<string, ScenarioRegion>): ScenarioFleet {
  const name = r.string('name');
  if (!isValidName(name) || name.length > 63) r.field('name').fail(`'${name}' is not a valid fleet name`);
  return {
    name,
    resourceGroup: r.string('resourceGroup', 'rg-fleet'),
    location: r.string('location', 'eastus'),
    ...(r.optionalString('workspaceId') ? { workspaceId: r.string('workspaceId') } : {}),
    members: r.array('members').map((m) => member(m, defaults, regions)),
    memberSets: r.array('memberSets').map((m) => memberSet(m, regions)),
    updateStrategies: r.array('updateStrategies').map((s) => {
      const strategy = s.field('strategy').object();
      try {
        normalizeStrategy(strategy);
      } catch (error) {
        s.field('strategy').fail((error as Error).message);
      }
      return { name: armName(s, 'name'), strategy };
    }),
    autoUpgradeProfiles: r.array('autoUpgradeProfiles').map((p) => ({ name: armName(p, 'name'), properties: p.field('properties').object() })),
  };
}

function healthRule(r: FieldReader): ScenarioHealthRule {
  const afterUpgradeTo = r.optionalString('afterUpgradeTo');
  const atSeconds = r.optionalNumber('atSeconds');
  if ((afterUpgradeTo === undefined) === (atSeconds === undefined)) r.fail("give exactly one of 'afterUpgradeTo' or 'atSeconds'");
  return {
    cluster: r.string('cluster'),
    ...(afterUpgradeTo !== undefined ? { afterUpgradeTo } : {}),
    ...(atSeconds !== undefined ? { atSeconds } : {}),
    delaySeconds: r.number('delaySeconds', 0),
    set: health(r.field('set')),
  };
}

/** Validates a parsed scenario document; throws ScenarioError naming the first bad field. */
export function validateScenario(doc: unknown): Scenario {
  const r = new FieldReader(doc, '');
  const regionsReader = r.field('regions');
  const regions: Record<string, ScenarioRegion> = {};
  for (const key of Object.keys(regionsReader.object())) {
    const rr = regionsReader.field(key);
    const versions = rr.stringArray('kubernetesVersions');
    versions.forEach((v) => VERSION.test(v) || rr.field('kubernetesVersions').fail(`'${v}' is not a patch version`));
    regions[key] = {
      kubernetesVersions: versions,
      previewVersions: rr.stringArray('previewVersions'),
      ltsMinors: rr.stringArray('ltsMinors'),
      nodeImage: rr.string('nodeImage'),
    };
  }
  if (Object.keys(regions).length === 0) regionsReader.fail('declare at least one region');
  const d = r.optional('defaults') ?? new FieldReader({}, 'defaults');
  const defaults = {
    upgradeMinutes: d.number('upgradeMinutes', 10),
    nodeCount: d.number('nodeCount', 3),
    kubernetesVersion: d.string('kubernetesVersion', '1.32.7'),
    nodeImageVersion: d.string('nodeImageVersion', 'AKSUbuntu-2204gen2containerd-202611.01.0'),
  };
  const eg = r.optional('eventGrid') ?? new FieldReader({}, 'eventGrid');
  const workspaceId = r.optionalString('workspaceId');
  if (workspaceId && !GUID.test(workspaceId)) r.field('workspaceId').fail('must be a GUID');
  const scenario: Scenario = {
    name: r.string('name'),
    subscriptionId: r.string('subscriptionId', DEFAULT_SUB),
    tenantId: r.string('tenantId', '72f988bf-86f1-41af-91ab-2d7cd011db47'),
    startTime: r.string('startTime', '2026-11-21T08:00:00Z'),
    speed: r.number('speed', 1),
    lro: r.oneOf('lro', ['sync', 'async'] as const, 'sync'),
    pageSize: r.number('pageSize', 100),
    retiredApiVersions: r.has('retiredApiVersions') ? r.stringArray('retiredApiVersions') : [],
    ...(workspaceId ? { workspaceId } : {}),
    ...(r.has('logs') ? { logs: r.field('logs').object() } : {}),
    regions,
    releases: r.array('releases').map((x) => ({
      version: version(x, 'version'),
      regions: x.numberMap('regions'),
      isPreview: x.boolean('isPreview', false),
      supportPlan: x.has('supportPlan') ? x.stringArray('supportPlan') : ['KubernetesOfficial'],
    })),
    nodeImages: r.array('nodeImages').map((x) => ({ version: x.string('version'), regions: x.numberMap('regions') })),
    defaults,
    fleets: r.array('fleets').map((f) => fleet(f, defaults, regions)),
    clusters: r.array('clusters').map((c) => cluster(c, defaults, regions)),
    healthRules: r.array('healthRules').map(healthRule),
    eventGrid: {
      subscriptions: eg.array('subscriptions').map((s) => ({
        name: s.string('name'),
        endpoint: s.string('endpoint'),
        ...(s.has('eventTypes') ? { eventTypes: s.stringArray('eventTypes') } : {}),
      })),
      retryDelaysMs: eg.has('retryDelaysMs') ? eg.array('retryDelaysMs').map((x) => Number(x.value)) : [1000, 5000, 30000, 60000],
      maxAttempts: eg.number('maxAttempts', 5),
      duplicate: eg.boolean('duplicate', false),
      outOfOrder: eg.boolean('outOfOrder', false),
    },
  };
  if (Number.isNaN(Date.parse(scenario.startTime))) r.field('startTime').fail('must be an ISO date-time');
  for (const rel of [...scenario.releases, ...scenario.nodeImages])
    for (const region of Object.keys(rel.regions)) if (!regions[region]) r.fail(`release ${rel.version}: region '${region}' is not declared`);
  return scenario;
}
