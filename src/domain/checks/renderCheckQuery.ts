import type { CheckSpec } from './checkSpec';
import { lookbackWindow, queryPreamble, scanStartOf, type KqlQuery } from './checkQuery';
import { criticalWorkloadsQuery } from './templates/criticalWorkloadsQuery';
import { metricsFlowingQuery } from './templates/metricsFlowingQuery';
import { nodesReadyQuery } from './templates/nodesReadyQuery';
import { podsHealthyQuery } from './templates/podsHealthyQuery';
import { podsPendingQuery } from './templates/podsPendingQuery';
import { pvcBoundQuery } from './templates/pvcBoundQuery';
import { restartsQuery } from './templates/restartsQuery';

/**
 * Renders the ONE batched query of a check for all `clusters` at time `now` (UTC ISO string). The window is
 * `[max(now - spec.lookbackMinutes, notBefore), now]`, `notBefore` being when the gated clusters finished
 * upgrading (absent when unknown, e.g. before-gates); event tables are scanned from `scanStart` (see
 * EVENT_SCAN_LOOKBACK_HOURS). Throws UnsafeKqlValueError when a cluster id contains a control character
 * (callers filter those out first; see clustersForGate).
 */
export function renderCheckQuery(spec: CheckSpec, clusters: readonly string[], now: string, notBefore?: string): KqlQuery {
  const window = lookbackWindow(now, spec.lookbackMinutes, notBefore);
  return { text: `${queryPreamble(clusters, window)}\n${checkBody(spec)}`, window, scanStart: scanStartOf(window) };
}

function checkBody(spec: CheckSpec): string {
  switch (spec.type) {
    case 'nodes-ready':
      return nodesReadyQuery();
    case 'pods-healthy':
      return podsHealthyQuery(spec);
    case 'pods-pending':
      return podsPendingQuery(spec);
    case 'critical-workloads':
      return criticalWorkloadsQuery(spec);
    case 'metrics-flowing':
      return metricsFlowingQuery(spec);
    case 'pvc-bound':
      return pvcBoundQuery(spec);
    case 'restarts':
      return restartsQuery(spec);
    case 'custom':
      // The user's text follows our `let`s verbatim; it is config-as-code reviewed like any code.
      return spec.query.trim();
    default: {
      const unreachable: never = spec;
      return unreachable;
    }
  }
}
