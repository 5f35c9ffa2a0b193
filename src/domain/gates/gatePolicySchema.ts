import { z } from 'zod';
import { approvalPolicySchema } from '../approvals/approvalPolicySchema';
import { CHECK_TYPES, NO_DATA_POLICIES, type CheckSpec, type CheckType } from '../checks/checkSpec';
import {
  COLLECTION_PRESETS,
  collectionIntervalMinutes,
  DEFAULT_COLLECTION,
  defaultLookbackMinutes,
  minimumLookbackMinutes,
  uncollectedNamespaces,
  type CollectionSettings,
} from '../checks/collection';
import { text } from '../schemas/text';
import { checkSpecSchema, type CheckSpecInput } from './checkSpecSchema';
import { collectionOf, DEFAULT_ANALYSIS, POLICY_ID_MAX_LENGTH, POLICY_ID_PATTERN, type GatePolicy } from './gatePolicy';

const whole = (min: number, max: number, fallback: number, description: string) => z.number().int().min(min).max(max).default(fallback).describe(description);

/** Argo-Rollouts-style analysis settings shared by every check of a policy (gatePolicy.ts documents each). */
const analysisSchema = z
  .strictObject({
    initialDelaySeconds: whole(0, 86_400, DEFAULT_ANALYSIS.initialDelaySeconds, 'Soak after the gate is observed, before the first measurement'),
    intervalSeconds: whole(1, 86_400, DEFAULT_ANALYSIS.intervalSeconds, 'Time between measurements'),
    count: whole(1, 1_000, DEFAULT_ANALYSIS.count, 'Measurements each check needs before it can succeed'),
    failureLimit: whole(0, 1_000, DEFAULT_ANALYSIS.failureLimit, 'Failed measurements tolerated per check'),
    inconclusiveLimit: whole(0, 1_000, DEFAULT_ANALYSIS.inconclusiveLimit, 'Inconclusive measurements tolerated per check'),
    consecutiveErrorLimit: whole(0, 1_000, DEFAULT_ANALYSIS.consecutiveErrorLimit, 'Query errors in a row tolerated per check'),
    noDataPolicy: z.enum(NO_DATA_POLICIES).default(DEFAULT_ANALYSIS.noDataPolicy).describe('What a cluster without data counts as'),
    dryRun: z.boolean().default(DEFAULT_ANALYSIS.dryRun).describe('Record every check but never fail the gate on them'),
    recoveryProbes: whole(0, 100, DEFAULT_ANALYSIS.recoveryProbes ?? 5, 'Re-measurements after a hold caused only by query errors'),
    collectionPreset: z.enum(COLLECTION_PRESETS).describe("The clusters' Container Insights collection preset (default standard)").optional(),
    ingestionDelayMinutes: z.number().int().min(0).max(60).describe('Worst-case Log Analytics ingestion delay (default 3)').optional(),
  })
  .prefault({});

/**
 * A gate policy as written in config-as-code: referenced by Fleet gates named `conductor:<id>`. Rules across fields
 * run even when a field is invalid, so every problem is reported at once: a policy without checks needs an
 * approval; check names are unique; lookbacks hold a sample and critical workloads are collected under the preset.
 */
export const gatePolicySchema = z
  .strictObject({
    id: text({ max: POLICY_ID_MAX_LENGTH, pattern: POLICY_ID_PATTERN, hint: 'lowercase letters, digits and inner hyphens (the gate displayName is `conductor:<id>`)' }).describe(
      'Referenced by Fleet gates named conductor:<id>',
    ),
    checks: z.array(checkSpecSchema).default([]).describe('Health checks, all measured together'),
    analysis: analysisSchema,
    approval: approvalPolicySchema.describe('A human approval step: the gate completes once checks passed and the quorum approved').optional(),
  })
  .superRefine(policyRules, { when: () => true })
  .transform(toGatePolicy);

/** Gate policies: a list, each id once. */
export const gatePoliciesSchema = z.array(gatePolicySchema).superRefine((list: unknown, ctx) => reportDuplicates(list, (item) => field(item, 'id'), 'policy id', ctx, (index) => [index, 'id']), { when: () => true });

type Ctx = z.core.$RefinementCtx;

function policyRules(raw: unknown, ctx: Ctx): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
  const checks = field(raw, 'checks');
  if ((checks === undefined || (Array.isArray(checks) && checks.length === 0)) && field(raw, 'approval') === undefined) {
    ctx.addIssue({ code: 'custom', path: ['checks'], message: 'must not be empty unless an approval is configured: a gate never passes unverified' });
  }
  if (!Array.isArray(checks)) return;
  // Names come from the raw entries so duplicates are reported even next to other issues in the same entry.
  reportDuplicates(checks, (item) => field(item, 'name') ?? field(item, 'type'), 'check name', ctx, (index) => ['checks', index, 'name']);
  const collection = rawCollection(field(raw, 'analysis'));
  checks.forEach((check: unknown, index) => {
    const type = field(check, 'type');
    if (typeof type !== 'string' || !(CHECK_TYPES as readonly string[]).includes(type)) return;
    lookbackRule(type as CheckType, field(check, 'lookbackMinutes'), collection, ctx, ['checks', index, 'lookbackMinutes']);
    if (type === 'critical-workloads') uncollectedRule(field(check, 'workloads'), collection, ctx, ['checks', index, 'workloads']);
  });
}

/** A window that cannot hold a sample is a config error, named by its path (collection.ts explains the minimum). */
function lookbackRule(type: CheckType, minutes: unknown, collection: CollectionSettings, ctx: Ctx, path: PropertyKey[]): void {
  const minimum = minimumLookbackMinutes(type, collection);
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes >= minimum) return;
  ctx.addIssue({
    code: 'custom',
    path,
    message: `must be at least ${minimum}: under the ${collection.preset} preset a sample arrives every ${collectionIntervalMinutes(collection.preset)} min and takes up to ${collection.ingestionDelayMinutes} min to be queryable, so a shorter window can hold no ${type === 'restarts' ? 'pair of samples' : 'sample'}`,
  });
}

/** A critical workload in a namespace the preset does not collect could never be seen: refused, not silently held. */
function uncollectedRule(workloads: unknown, collection: CollectionSettings, ctx: Ctx, path: PropertyKey[]): void {
  if (!Array.isArray(workloads)) return;
  const excluded = uncollectedNamespaces(collection.preset);
  workloads.forEach((workload: unknown, index) => {
    const namespace = field(workload, 'namespace');
    if (typeof namespace === 'string' && excluded.includes(namespace)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, index, 'namespace'],
        message: `is not collected under the ${collection.preset} preset (it leaves out ${excluded.join(', ')}): this workload could never be verified`,
      });
    }
  });
}

/** The collection settings an analysis section declares, read leniently (its own problems are reported by the schema). */
function rawCollection(analysis: unknown): CollectionSettings {
  const preset = field(analysis, 'collectionPreset');
  const delay = field(analysis, 'ingestionDelayMinutes');
  return {
    preset: (COLLECTION_PRESETS as readonly unknown[]).includes(preset) ? (preset as CollectionSettings['preset']) : DEFAULT_COLLECTION.preset,
    ingestionDelayMinutes: typeof delay === 'number' && Number.isInteger(delay) && delay >= 0 && delay <= 60 ? delay : DEFAULT_COLLECTION.ingestionDelayMinutes,
  };
}

function reportDuplicates(list: unknown, keyOf: (item: unknown) => unknown, what: string, ctx: Ctx, pathOf: (index: number) => PropertyKey[]): void {
  if (!Array.isArray(list)) return;
  const keys = list.map((item: unknown) => keyOf(item));
  keys.forEach((key, index) => {
    if (typeof key === 'string' && keys.indexOf(key) < index) ctx.addIssue({ code: 'custom', path: pathOf(index), message: `duplicate ${what} "${key}"` });
  });
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

type PolicyInput = Omit<GatePolicy, 'checks'> & { readonly checks: readonly CheckSpecInput[] };

function toGatePolicy(policy: PolicyInput): GatePolicy {
  const collection = collectionOf(policy.analysis);
  return { ...policy, checks: policy.checks.map((check) => toCheckSpec(check, collection)), ...(policy.approval === undefined ? {} : { approval: policy.approval }) };
}

/** The check with the defaults that depend on its policy: its name, its lookback, metrics-flowing's sample window. */
function toCheckSpec(check: CheckSpecInput, collection: CollectionSettings): CheckSpec {
  const base = { ...check, name: check.name ?? check.type, lookbackMinutes: check.lookbackMinutes ?? defaultLookbackMinutes(check.type, collection) };
  if (base.type !== 'metrics-flowing') return base;
  const { noDataPolicy: _never, ...metrics } = base;
  return { ...metrics, tables: metrics.tables ?? ['KubeNodeInventory', 'KubePodInventory'], expectSampleWithinMinutes: minimumLookbackMinutes('metrics-flowing', collection) };
}
