import { z } from 'zod';
import type { ClusterHealth, CollectionPreset } from '../telemetrySource';

const PRESETS = ['standard', 'cost-optimized'] as const satisfies readonly CollectionPreset[];
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const count = (): z.ZodNumber => {
  const error = 'must be a non-negative integer';
  return z.number({ error }).int({ error }).min(0, { error });
};

const fields = {
  notReadyNodes: count(),
  failedPods: count(),
  crashLoopingPods: count(),
  imagePullBackOffPods: count(),
  unschedulablePods: count(),
  pendingPvcs: count(),
  releasedPvs: count(),
  restarts: z.number({ error: 'must be a non-negative number' }).min(0, { error: 'must be a non-negative number' }),
  metricsFlowing: z.boolean({ error: 'must be a boolean' }),
  failingNamespace: z.string({ error: 'must be a Kubernetes namespace name' }).regex(NAMESPACE, { error: 'must be a Kubernetes namespace name' }),
  collectionPreset: z.enum(PRESETS, { error: `must be one of ${PRESETS.join(', ')}` }),
} satisfies { [K in keyof ClusterHealth]-?: z.ZodType<ClusterHealth[K]> };

const known = Object.keys(fields).join(', ');

/**
 * A cluster health patch (control API body or scenario `health`/`set`): every field optional; unknown fields, negative
 * or fractional counts and wrong types are refused (a failure mode we cannot model must not look accepted).
 */
export const healthPatchSchema: z.ZodType<Partial<ClusterHealth>> = z.strictObject(z.object(fields).partial().shape, {
  error: (issue) => (issue.code === 'unrecognized_keys' ? `is not a health field (known: ${known})` : undefined),
});
