import type { Pipeline, PipelinePolicy } from '@azure/core-rest-pipeline';
import { ATTR } from './telemetryAttributes';
import type { ConductorTelemetry } from './ConductorTelemetry';

const POLICY_NAME = 'conductorArmThrottling';

/** `Microsoft.ContainerService/fleets/updateRuns` from an ARM path, for the throttling metric (no ids, no names). */
export function armResourceType(pathname: string): string {
  const segments = pathname.split('/').filter((s) => s !== '');
  const p = segments.findIndex((s) => s.toLowerCase() === 'providers');
  if (p < 0) return segments.length <= 2 ? 'subscription' : 'resourceGroup';
  const namespace = segments[p + 1] ?? 'unknown';
  // After the namespace, types and names alternate: type, name, type, name, … (a trailing action has no name).
  const types = segments.slice(p + 2).filter((_, i) => i % 2 === 0);
  return [namespace, ...types].join('/');
}

/**
 * Counts every 429 ARM answers, each attempt included: placed after the pipeline's retry policy, it sees the
 * throttled attempts the SDK retries as well as the last one. Added once per pipeline.
 */
export function countArmThrottling(pipeline: Pipeline, telemetry: ConductorTelemetry): void {
  if (pipeline.getOrderedPolicies().some((p) => p.name === POLICY_NAME)) return;
  const policy: PipelinePolicy = {
    name: POLICY_NAME,
    async sendRequest(request, next) {
      const response = await next(request);
      if (response.status === 429) {
        telemetry.count(telemetry.armThrottled, { [ATTR.armResourceType]: armResourceType(new URL(request.url).pathname), [ATTR.httpMethod]: request.method });
      }
      return response;
    },
  };
  pipeline.addPolicy(policy, { afterPhase: 'Retry' });
}
