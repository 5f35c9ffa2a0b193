import { z } from 'zod';
import { containsControlCharacter } from '../checks/kqlLiteral';
import { COMPARATORS, CONTAINER_INSIGHTS_TABLES, NO_DATA_POLICIES } from '../checks/checkSpec';
import { text } from '../schemas/text';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const namespace = text({ max: 63, pattern: NAME, hint: 'a Kubernetes namespace name (DNS-1123 label)' });
const namespaces = (description: string) => z.array(namespace).describe(description).optional();
const threshold = (fallback: number, min: number, description: string) => z.number().min(min).default(fallback).describe(description);
const MAX_QUERY_LENGTH = 20_000;

/** Fields every check has; a policy's analysis sets the default and the shortest allowed lookback (collection.ts). */
const common = {
  name: text({ max: 63, pattern: NAME, hint: 'lowercase letters, digits and inner hyphens' }).describe('Unique within the policy; defaults to the type').optional(),
  dryRun: z.boolean().describe("Recorded but never fails the gate (overrides the policy's analysis.dryRun)").optional(),
  noDataPolicy: z.enum(NO_DATA_POLICIES).describe('What a cluster without data counts as (overrides the policy)').optional(),
  lookbackMinutes: z.number().int().min(1).max(1440).describe('Query window; the default follows the collection preset and ingestion delay').optional(),
};

const scoped = { namespaces: namespaces('Only count these namespaces (all when absent)'), excludeNamespaces: namespaces('Never count these namespaces') };

const workload = z.strictObject({
  namespace,
  controller: text({ max: 253, pattern: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, hint: 'a Kubernetes object name (DNS-1123 subdomain)' })
    .describe('Controller name as in ControllerName; a Deployment also matches its ReplicaSets')
    .optional(),
});

// Line breaks and tabs are normal in multi-line KQL; other control characters are refused.
const customQuery = z
  .string()
  .min(1)
  .max(MAX_QUERY_LENGTH)
  .refine((query) => !containsControlCharacter(query.replace(/[\r\n\t]/g, ' ')), { error: 'must not contain control characters' })
  .refine((query) => /\bclusters\b/.test(query), { error: 'must filter on `clusters` (e.g. `| where ClusterId in~ (clusters)`): one batched query for all gated clusters' })
  .describe('KQL returning one row per cluster; must filter on `clusters`');

const column = text({ max: 128, pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, hint: 'a KQL column name (letters, digits, underscore)' });

/**
 * One entry of a policy's `checks` list as written in config-as-code, by `type`. Unknown keys are refused per type
 * (catches `namespces`); defaults that depend on the policy (name, lookback) are filled by the gate policy schema.
 */
export const checkSpecSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('nodes-ready'), ...common, threshold: threshold(0, 0, 'Nodes not Ready tolerated per cluster') }),
  z.strictObject({ type: z.literal('pods-healthy'), ...common, threshold: threshold(0, 0, 'Failing pods tolerated per cluster'), ...scoped }),
  z.strictObject({
    type: z.literal('pods-pending'),
    ...common,
    threshold: threshold(0, 0, 'Long-pending pods tolerated per cluster'),
    ...scoped,
    pendingMinutes: z.number().int().min(1).max(1440).default(3).describe('How long a pod may be Pending before it counts'),
  }),
  z.strictObject({
    type: z.literal('critical-workloads'),
    ...common,
    workloads: z
      .array(workload, { error: (issue) => (issue.input === undefined ? 'is required: list the namespaces/controllers that must be running and ready' : undefined) })
      .min(1)
      .describe('Namespaces or controllers that must be running and ready'),
  }),
  z.strictObject({
    type: z.literal('metrics-flowing'),
    ...common,
    noDataPolicy: z.never({ error: 'does not apply to metrics-flowing: a silent cluster counts as 0 rows' }).optional(),
    threshold: threshold(1, 1, 'Rows a cluster must have sent in the window'),
    tables: z
      .array(z.enum(CONTAINER_INSIGHTS_TABLES, { error: `must be one of ${CONTAINER_INSIGHTS_TABLES.join(', ')}` }))
      .min(1)
      .describe('Container Insights tables to count rows in (default KubeNodeInventory, KubePodInventory)')
      .optional(),
  }),
  z.strictObject({ type: z.literal('pvc-bound'), ...common, threshold: threshold(0, 0, 'Unbound claims tolerated per cluster'), namespaces: scoped.namespaces }),
  z.strictObject({ type: z.literal('restarts'), ...common, threshold: threshold(5, 0, 'Container restarts tolerated per cluster in the window'), ...scoped }),
  z.strictObject({
    type: z.literal('custom'),
    ...common,
    query: customQuery,
    clusterIdColumn: column.default('ClusterId'),
    valueColumn: column.default('Value'),
    comparator: z.enum(COMPARATORS).default('<=').describe('A cluster passes when `value <comparator> threshold`'),
    threshold: z.number(),
  }),
]);

export type CheckSpecInput = z.output<typeof checkSpecSchema>;
