import { ArmError } from './armError';

/** Fleet api-versions the emulator serves: the newest stable and the gate-aware previews (docs/azure-apis.md §2.1). */
export const FLEET_API_VERSIONS = [
  '2025-03-01',
  '2025-04-01-preview',
  '2025-08-01-preview',
  '2026-02-01-preview',
  '2026-03-02-preview',
] as const;

/** AKS stable api-versions (the 25.x SDKs default to 2026-04-01 / 2026-06-01; the fixtures use 2026-08-01). */
export const AKS_API_VERSIONS = [
  '2025-01-01',
  '2025-04-01',
  '2025-07-01',
  '2025-10-01',
  '2026-01-01',
  '2026-04-01',
  '2026-06-01',
  '2026-08-01',
] as const;

/** AKS previews that carry `nodeImageVersions` (first seen in 2025-05-02-preview). */
export const AKS_PREVIEW_API_VERSIONS = [
  '2025-05-02-preview',
  '2025-07-02-preview',
  '2025-10-02-preview',
  '2026-04-02-preview',
  '2026-08-02-preview',
] as const;

export interface VersionFeatures {
  readonly gates: boolean;
  readonly labels: boolean;
  readonly maxConcurrency: boolean;
}

export function fleetFeatures(apiVersion: string): VersionFeatures {
  const preview = apiVersion !== '2025-03-01';
  return { gates: preview, labels: preview, maxConcurrency: preview && apiVersion >= '2026-02-01' };
}

/**
 * Checks the api-version like ARM's front door: missing → MissingApiVersionParameter, unknown for the
 * resource type → NoRegisteredProviderFound (both 400).
 */
export function requireApiVersion(
  query: URLSearchParams,
  resourceType: string,
  supported: readonly string[],
  location = 'global',
): string {
  const apiVersion = query.get('api-version');
  if (apiVersion === null || apiVersion === '') {
    throw new ArmError(
      400,
      'MissingApiVersionParameter',
      "The api-version query parameter (?api-version=) is required for all requests.",
    );
  }
  if (!supported.includes(apiVersion)) {
    throw new ArmError(
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location '${location}' and API version '${apiVersion}' for type '${resourceType}'. The supported api-versions are '${supported.join(', ')}'.`,
    );
  }
  return apiVersion;
}
