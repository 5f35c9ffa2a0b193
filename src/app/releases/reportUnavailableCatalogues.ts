import type { FleetConfig } from '../../domain/config/conductorConfig';
import { ApiVersionUnsupportedError } from '../../ports';
import { alertUnsupportedApiVersion } from '../alerts/alertUnsupportedApiVersion';
import { errorMessage } from '../errorMessage';
import type { ReleaseDeps } from './releaseDeps';

/** A regional catalogue (AKS `listKubernetesVersions` or `nodeImageVersions`) that could not be read. */
export interface UnavailableCatalogue {
  readonly catalogue: 'kubernetesVersions' | 'nodeImageVersions';
  readonly region: string;
  readonly error: unknown;
}

/**
 * A catalogue the fleet's channel does not decide on failed: the evaluation goes on without it, but the failure is
 * never silent. One warning per catalogue (naming its regions), and one api-version alert per refused api-version
 * (alertUnsupportedApiVersion deduplicates the notification per version and day).
 */
export async function reportUnavailableCatalogues(deps: Pick<ReleaseDeps, 'outbox' | 'clock' | 'log'>, fleet: FleetConfig, unavailable: readonly UnavailableCatalogue[]): Promise<void> {
  const alerted = new Set<string>();
  for (const catalogue of new Set(unavailable.map((u) => u.catalogue))) {
    const failed = unavailable.filter((u) => u.catalogue === catalogue);
    deps.log.warn(`Fleet ${fleet.name}: ${catalogue} could not be read in ${failed.map((u) => u.region).join(', ')} (${errorMessage(failed[0]?.error)}); evaluated without it`, {
      fleet: fleet.name,
      catalogue,
      regions: failed.map((u) => u.region),
    });
    for (const { error } of failed) {
      if (!(error instanceof ApiVersionUnsupportedError) || alerted.has(error.apiVersion)) continue;
      alerted.add(error.apiVersion);
      await alertUnsupportedApiVersion(deps, error);
    }
  }
}
