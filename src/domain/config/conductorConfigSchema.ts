import { z } from 'zod';
import { gatePoliciesSchema } from '../gates/gatePolicySchema';
import { text } from '../schemas/text';
import type { ConductorConfig, FleetConfig, StrategyConfig } from './conductorConfig';
import { maxConcurrencySchema, maxConcurrencyRules } from './maxConcurrency';
import { releasePolicySchema } from './releasePolicySchema';

const ARM_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const armName = (max: number) => text({ max, pattern: ARM_NAME, hint: 'lowercase letters, digits and inner hyphens' });
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const RESOURCE_GROUP = /^[-\w._()]{1,90}$/;
/** Fleet's limit (docs/azure-apis.md §5). */
const MAX_GROUPS_PER_STAGE = 50;
const ALWAYS = { when: () => true };

const gateSlots = {
  beforeGate: text().describe('Gate policy id guarding the start of this stage/group').optional(),
  afterGate: text().describe('Gate policy id guarding the end of this stage/group').optional(),
};

const groupName = armName(50).describe('Must equal the `group` of the fleet members it contains');

/** A group is a name, or `{ name, maxConcurrency?, beforeGate?, afterGate? }`. */
const groupSchema = z.union([
  groupName.transform((name) => ({ name })),
  z.strictObject({ name: groupName, maxConcurrency: maxConcurrencySchema('clusters of the group at once (default 1)').optional(), ...gateSlots }),
]);

const stageSchema = z
  .strictObject({
    name: armName(50),
    groups: z
      .array(groupSchema)
      .min(1, { error: 'must list at least one group' })
      .max(MAX_GROUPS_PER_STAGE, { error: `Fleet allows at most ${MAX_GROUPS_PER_STAGE} groups per stage` }),
    afterStageWaitInSeconds: z.number().int().min(0).max(7 * 24 * 3600).default(0).describe('Wait after the stage completes'),
    maxConcurrency: maxConcurrencySchema('clusters of the stage at once across its groups (default 50)').optional(),
    ...gateSlots,
  })
  .superRefine(maxConcurrencyRules, ALWAYS);

const strategySchema = z
  .strictObject({ name: armName(50).describe('The Fleet update strategy Conductor manages'), stages: z.array(stageSchema).min(1, { error: 'must list at least one stage' }) })
  .superRefine((raw: unknown, ctx) => {
    const stages = list(field(raw, 'stages'));
    duplicates(stages.map((stage) => field(stage, 'name')), (i) => ['stages', i, 'name'], 'stage', ctx);
    const seen = new Set<string>();
    stages.forEach((stage, i) =>
      list(field(stage, 'groups')).forEach((group, j) => {
        const name = typeof group === 'string' ? group : field(group, 'name');
        if (typeof name !== 'string') return;
        if (seen.has(name)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'groups', j], message: `group "${name}" appears twice; a member belongs to one group only` });
        seen.add(name);
      }),
    );
  }, ALWAYS);

const fleetSchema = z.strictObject({
  name: armName(63).describe("The fleet's name in Conductor's API and in ARM"),
  subscriptionId: text({ pattern: GUID, hint: 'a GUID' }),
  resourceGroup: text({ pattern: RESOURCE_GROUP, hint: 'a resource group name' }),
  logAnalyticsWorkspaceId: text({ pattern: GUID, hint: 'a workspace id (GUID)' }).describe("Log Analytics workspace receiving the members' Container Insights data"),
  strategy: text().describe('Name of a strategy under `strategies`'),
  release: releasePolicySchema.describe('Absent: Conductor creates no runs for this fleet (it still gates the runs others create)').optional(),
});

/**
 * conductor.yaml (config-as-code, already decoded from YAML or JSON): `fleets`, `strategies` and `gatePolicies`.
 * References across sections (a fleet's strategy, a gate's policy, duplicate names) are checked even when a section
 * has other problems, so every problem is reported at once. `conductor.schema.json` is generated from this schema.
 */
export const conductorConfigSchema = z
  .strictObject({
    fleets: z.array(fleetSchema).min(1, { error: 'must list at least one fleet' }).describe('The fleets Conductor watches'),
    strategies: z.array(strategySchema).default([]).describe('Fleet update strategies Conductor creates and keeps in shape'),
    gatePolicies: gatePoliciesSchema.default([]).describe('Health checks and approvals that Fleet gates named conductor:<id> run'),
  })
  .superRefine(referenceRules, ALWAYS)
  .transform(toConductorConfig)
  .meta({ title: 'Fleet Conductor configuration (conductor.yaml)' });

function referenceRules(raw: unknown, ctx: z.core.$RefinementCtx): void {
  const strategies = list(field(raw, 'strategies'));
  const strategyNames = strategies.map((s) => field(s, 'name'));
  duplicates(strategyNames, (i) => ['strategies', i, 'name'], 'strategy', ctx);
  const policies = field(raw, 'gatePolicies');
  if (policies === undefined || Array.isArray(policies)) {
    const policyIds = new Set(list(policies).map((p) => field(p, 'id')));
    strategies.forEach((strategy, i) =>
      list(field(strategy, 'stages')).forEach((stage, j) => {
        const slots = [{ at: ['strategies', i, 'stages', j], value: stage }, ...list(field(stage, 'groups')).map((group, k) => ({ at: ['strategies', i, 'stages', j, 'groups', k], value: group }))];
        for (const slot of slots) {
          for (const key of ['beforeGate', 'afterGate']) {
            const id = field(slot.value, key);
            if (typeof id === 'string' && !policyIds.has(id)) ctx.addIssue({ code: 'custom', path: [...slot.at, key], message: `no gate policy with id "${id}" (gatePolicies)` });
          }
        }
      }),
    );
  }
  const fleets = list(field(raw, 'fleets'));
  fleets.forEach((fleet, i) => {
    const strategy = field(fleet, 'strategy');
    if (typeof strategy === 'string' && !strategyNames.includes(strategy)) ctx.addIssue({ code: 'custom', path: ['fleets', i, 'strategy'], message: `no strategy named "${strategy}" (strategies)` });
  });
  duplicates(
    fleets.map((f) => [field(f, 'subscriptionId'), field(f, 'resourceGroup'), field(f, 'name')]).map((parts) => (parts.every((p) => typeof p === 'string') ? fleetIdOf(parts as [string, string, string]).toLowerCase() : undefined)),
    (i) => ['fleets', i],
    'fleet',
    ctx,
  );
}

type ParsedConfig = Omit<ConductorConfig, 'fleets'> & {
  readonly fleets: readonly (Omit<FleetConfig, 'fleetId' | 'strategy'> & { readonly strategy: string })[];
  readonly strategies: readonly StrategyConfig[];
};

function toConductorConfig(config: ParsedConfig): ConductorConfig {
  const byName = new Map(config.strategies.map((s) => [s.name, s]));
  const fleets = config.fleets.flatMap((fleet): FleetConfig[] => {
    const strategy = byName.get(fleet.strategy);
    // Unreachable after referenceRules; kept so a missing strategy can never become an undefined one.
    if (strategy === undefined) return [];
    return [{ ...fleet, fleetId: fleetIdOf([fleet.subscriptionId, fleet.resourceGroup, fleet.name]), strategy }];
  });
  return { fleets, gatePolicies: config.gatePolicies };
}

function fleetIdOf([subscriptionId, resourceGroup, name]: readonly [string, string, string]): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/fleets/${name}`;
}

function duplicates(values: readonly unknown[], pathOf: (index: number) => PropertyKey[], what: string, ctx: z.core.$RefinementCtx): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (typeof value !== 'string') return;
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: pathOf(i), message: `duplicate ${what} "${value}"` });
    seen.add(value);
  });
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}
