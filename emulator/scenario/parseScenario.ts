import { z } from 'zod';
import { isValidName } from '../arm/armNames';
import { DEFAULT_QUERY_LIMITS } from '../logs/throttle/QueryThrottle';
import { healthPatchSchema } from '../sim/healthPatch';
import { normalizeStrategy } from '../sim/strategyNormalizer';
import { ScenarioError } from './scenarioError';
import type { Scenario, ScenarioCluster } from './scenarioTypes';
import { emulatorMessages, schemaIssues } from './schemaIssues';

const VERSION = /^\d+\.\d+\.\d+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Cross-field rules run even when other fields have problems, so a scenario reports every problem at once. */
const ALWAYS = { when: () => true };

const str = (): z.ZodString => z.string().min(1);
const strings = z.array(z.string());
const version = str().regex(VERSION, { error: (issue) => `'${String(issue.input)}' is not a Kubernetes patch version like 1.33.4` });
const guid = str().regex(GUID, { error: 'must be a GUID' });
const armName = str().refine(isValidName, { error: (issue) => `'${String(issue.input)}' is not a valid ARM name (lowercase letters, digits, inner hyphens, 1-50)` });
const anObject = z.record(z.string(), z.unknown());
/** Region → seconds after scenario start. */
const regionDelays = z.record(z.string(), z.number()).default({});

const regionSchema = z.object({
  kubernetesVersions: z.array(z.string().regex(VERSION, { error: (issue) => `'${String(issue.input)}' is not a patch version` })).default([]),
  previewVersions: strings.default([]),
  ltsMinors: strings.default([]),
  nodeImage: str(),
});

const workloadSchema = z.object({
  namespace: str(),
  controllerName: str(),
  controllerKind: z.enum(['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']).default('ReplicaSet'),
  replicas: z.number().default(2),
  initContainers: strings.optional(),
  sidecars: strings.optional(),
  containers: strings.optional(),
});

/** Fields left out fall back to the scenario's `defaults` (filled in by `withDefaults`). */
const clusterSchema = z.object({
  name: str(),
  resourceGroup: str().default('rg-clusters'),
  location: str(),
  kubernetesVersion: version.optional(),
  nodeImageVersion: str().optional(),
  nodeCount: z.number().optional(),
  agentPools: z
    .array(
      z.object({
        name: str(),
        count: z.number().optional(),
        vmSize: str().default('Standard_D4s_v5'),
        osType: z.enum(['Linux', 'Windows']).default('Linux'),
        mode: z.enum(['System', 'User']).default('System'),
      }),
    )
    .default([]),
  autoUpgradeChannel: str().default('none'),
  nodeOSUpgradeChannel: str().default('None'),
  maintenanceWindow: z.object({ startHourUtc: z.number(), durationHours: z.number() }).optional(),
  upgradeMinutes: z.number().optional(),
  failUpgrade: z.union([z.boolean(), z.object({ toVersion: str().optional(), code: str().optional(), message: str().optional() })]).optional(),
  blockingPdb: z
    .object({
      namespace: str(),
      name: str(),
      // AKS accepts 5 to 1440 minutes and defaults to 30 (ManagedClusterAgentPoolProfile upgradeSettings.drainTimeoutInMinutes).
      drainTimeoutMinutes: z
        .number()
        .refine((m) => Number.isInteger(m) && m >= 5 && m <= 1440, { error: 'must be a whole number of minutes from 5 to 1440 (AKS upgradeSettings.drainTimeoutInMinutes)' })
        .default(30),
    })
    .optional(),
  workspaceId: guid.optional(),
  workloads: z.array(workloadSchema).default([]),
  pvcCount: z.number().default(0),
  health: healthPatchSchema.default({}),
  tags: z.record(z.string(), z.string()).optional(),
});
type ClusterInput = z.output<typeof clusterSchema>;

const memberSchema = z.object({
  name: armName,
  group: str()
    .refine(isValidName, { error: (issue) => `'${String(issue.input)}' is not a valid group name` })
    .optional(),
  labels: z.record(z.string(), z.string()).optional(),
  cluster: clusterSchema,
});

const memberSetSchema = z
  .object({
    count: z.number(),
    namePrefix: str(),
    groups: strings.default([]),
    regions: strings.default([]),
    resourceGroup: str().default('rg-clusters'),
    kubernetesVersion: version.optional(),
    nodeImageVersion: str().optional(),
    nodeCount: z.number().optional(),
    upgradeMinutes: z.number().optional(),
  })
  .refine((set) => set.groups.length > 0 && set.regions.length > 0, { error: "'groups' and 'regions' must not be empty" });

const fleetSchema = z.object({
  name: str().refine((name) => isValidName(name) && name.length <= 63, { error: (issue) => `'${String(issue.input)}' is not a valid fleet name` }),
  resourceGroup: str().default('rg-fleet'),
  location: str().default('eastus'),
  workspaceId: guid.optional(),
  members: z.array(memberSchema).default([]),
  memberSets: z.array(memberSetSchema).default([]),
  updateStrategies: z.array(z.object({ name: armName, strategy: anObject.superRefine(fleetAccepts) })).default([]),
  autoUpgradeProfiles: z.array(z.object({ name: armName, properties: anObject })).default([]),
});

const healthRuleSchema = z
  .object({
    cluster: str(),
    afterUpgradeTo: str().optional(),
    atSeconds: z.number().optional(),
    delaySeconds: z.number().default(0),
    set: healthPatchSchema,
  })
  .refine((rule) => (rule.afterUpgradeTo === undefined) !== (rule.atSeconds === undefined), { error: "give exactly one of 'afterUpgradeTo' or 'atSeconds'" });

/** A whole number from `min` to Azure's limit `azure`. */
const upTo = (azure: number, min: number): z.ZodOptional<z.ZodNumber> =>
  z.number().int().min(min).max(azure, { error: `must be at most ${azure} (Azure's limit: the emulator may be stricter, never more lenient)` }).optional();

const logsSchema = z.object({
  ingestionDelaySeconds: z.number().min(0).optional(),
  ingestionDelay: z.object({ minSeconds: z.number().min(0).optional(), maxSeconds: z.number().min(0).optional(), seed: str().optional() }).optional(),
  sampleIntervalSeconds: z.number().min(1).optional(),
  // Azure Monitor's per-user query limits ("Azure Monitor service limits", User query throttling: 200 per 30 s,
  // 5 concurrent, 200 queued), lowered so tests reach them but never raised (the emulator may be stricter than Azure,
  // not more lenient); strict, so a misspelt limit is an error, not a no-op.
  limits: z
    .strictObject({
      queriesPer30Seconds: upTo(DEFAULT_QUERY_LIMITS.queriesPer30Seconds, 1),
      concurrentQueries: upTo(DEFAULT_QUERY_LIMITS.concurrentQueries, 1),
      queueLength: upTo(DEFAULT_QUERY_LIMITS.queueLength, 0),
    })
    .optional(),
});

/** A scenario document as written: what is left out takes its default here or in `withDefaults`. */
const scenarioFields = z
  .object({
    name: str(),
    subscriptionId: str().default('00000000-0000-0000-0000-000000000000'),
    tenantId: str().default('72f988bf-86f1-41af-91ab-2d7cd011db47'),
    startTime: str()
      .refine((t) => !Number.isNaN(Date.parse(t)), { error: 'must be an ISO date-time' })
      .default('2026-11-21T08:00:00Z'),
    speed: z.number().default(1),
    lro: z.enum(['sync', 'async']).default('sync'),
    pageSize: z.number().default(100),
    retiredApiVersions: strings.default([]),
    workspaceId: guid.optional(),
    logs: logsSchema.optional(),
    regions: z.record(z.string(), regionSchema).refine((regions) => Object.keys(regions).length > 0, { error: 'declare at least one region' }),
    releases: z
      .array(z.object({ version, regions: regionDelays, isPreview: z.boolean().default(false), supportPlan: strings.default(['KubernetesOfficial']) }))
      .default([]),
    nodeImages: z.array(z.object({ version: str(), regions: regionDelays })).default([]),
    defaults: z
      .object({
        upgradeMinutes: z.number().default(10),
        nodeCount: z.number().default(3),
        kubernetesVersion: version.default('1.32.7'),
        nodeImageVersion: str().default('AKSUbuntu-2204gen2containerd-202611.01.0'),
      })
      // prefault: a left-out section is parsed as {}, so each scenario gets its own default values (never shared lists).
      .prefault({}),
    fleets: z.array(fleetSchema).default([]),
    clusters: z.array(clusterSchema).default([]),
    healthRules: z.array(healthRuleSchema).default([]),
    eventGrid: z
      .object({
        subscriptions: z.array(z.object({ name: str(), endpoint: str(), eventTypes: strings.optional() })).default([]),
        retryDelaysMs: z.array(z.number().min(0)).default([1000, 5000, 30000, 60000]),
        maxAttempts: z.number().default(5),
        duplicate: z.boolean().default(false),
        outOfOrder: z.boolean().default(false),
      })
      .prefault({}),
  })
  .superRefine(declaredRegions, ALWAYS);
type ScenarioInput = z.output<typeof scenarioFields>;

const scenarioSchema = scenarioFields.transform(withDefaults);

/** A scenario's strategy passes the checks Fleet applies to an updateStrategies PUT body (the same code). */
function fleetAccepts(strategy: Record<string, unknown>, ctx: z.RefinementCtx): void {
  try {
    normalizeStrategy(strategy);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
}

/** Every region a cluster, member set, release or node image names must be declared under `regions`. */
function declaredRegions(raw: unknown, ctx: z.RefinementCtx): void {
  const declared = new Set(Object.keys(asRecord(field(raw, 'regions'))));
  const undeclared = (region: unknown, path: PropertyKey[]): void => {
    if (typeof region === 'string' && !declared.has(region)) ctx.addIssue({ code: 'custom', path, message: `region '${region}' is not declared under 'regions'` });
  };
  list(field(raw, 'fleets')).forEach((fleet, f) => {
    list(field(fleet, 'members')).forEach((member, m) => undeclared(field(field(member, 'cluster'), 'location'), ['fleets', f, 'members', m, 'cluster', 'location']));
    list(field(fleet, 'memberSets')).forEach((set, s) => list(field(set, 'regions')).forEach((region, r) => undeclared(region, ['fleets', f, 'memberSets', s, 'regions', r])));
  });
  list(field(raw, 'clusters')).forEach((cluster, c) => undeclared(field(cluster, 'location'), ['clusters', c, 'location']));
  for (const key of ['releases', 'nodeImages'] as const) {
    list(field(raw, key)).forEach((release, i) => Object.keys(asRecord(field(release, 'regions'))).forEach((region) => undeclared(region, [key, i, 'regions', region])));
  }
}

/** Fills each cluster's left-out fields from the scenario's `defaults`. */
function withDefaults(input: ScenarioInput): Scenario {
  const { defaults } = input;
  const cluster = (c: ClusterInput): ScenarioCluster => ({
    ...c,
    kubernetesVersion: c.kubernetesVersion ?? defaults.kubernetesVersion,
    nodeImageVersion: c.nodeImageVersion ?? defaults.nodeImageVersion,
    nodeCount: c.nodeCount ?? defaults.nodeCount,
    upgradeMinutes: c.upgradeMinutes ?? defaults.upgradeMinutes,
    agentPools: c.agentPools.map((pool) => ({ ...pool, count: pool.count ?? defaults.nodeCount })),
  });
  return {
    ...input,
    fleets: input.fleets.map((fleet) => ({ ...fleet, members: fleet.members.map((member) => ({ ...member, cluster: cluster(member.cluster) })) })),
    clusters: input.clusters.map(cluster),
  };
}

/**
 * Validates a parsed scenario document (YAML or JSON, or an object given in code). A key set to null counts as left
 * out, as YAML writes `key:` with no value. Throws a ScenarioError listing every problem, one line per field.
 */
export function parseScenario(doc: unknown): Scenario {
  const result = scenarioSchema.safeParse(withoutNulls(doc), { error: emulatorMessages });
  if (result.success) return result.data;
  throw new ScenarioError(schemaIssues(result.error).map((issue) => `scenario ${issue.path}: ${issue.message}`).join('\n'));
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([key, v]) => (v === null ? [] : [[key, withoutNulls(v)]])));
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
