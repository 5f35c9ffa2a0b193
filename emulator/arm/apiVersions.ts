import { ArmError } from './armError';

/**
 * Fleet api-versions the emulator serves: the stable ones and the gate-aware previews, newest first as listed in
 * docs/azure-apis.md §7 (specification/containerservice/resource-manager/Microsoft.ContainerService/fleet/{stable,preview}/…).
 * 2026-06-01 is the first stable version with gates; 2026-05-01-preview and 2026-06-02-preview are the previews
 * around it (the latter answers 204 from generateUpdateRun when nothing is generated).
 */
export const FLEET_API_VERSIONS = [
  '2025-03-01',
  '2025-04-01-preview',
  '2025-08-01-preview',
  '2026-02-01-preview',
  '2026-03-02-preview',
  '2026-05-01-preview',
  '2026-06-01',
  '2026-06-02-preview',
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
  /** generateUpdateRun answers 204 "No update run was generated." (spec 2026-06-02-preview, docs/azure-apis.md §7). */
  readonly generateNoContent: boolean;
}

/** The date part of an api-version: features arrive by date, stable and preview alike. */
const dateOf = (apiVersion: string): string => apiVersion.slice(0, 10);

export function fleetFeatures(apiVersion: string): VersionFeatures {
  const date = dateOf(apiVersion);
  // Gates and labels arrived in 2025-04-01-preview; 2026-06-01 is the first stable version that has them (§7).
  const gates = date >= '2025-04-01';
  return { gates, labels: gates, maxConcurrency: date >= '2026-02-01', generateNoContent: date >= '2026-06-02' };
}

/**
 * Api-versions retired while the emulator runs (scenario `retiredApiVersions`, or the control API): "after an API
 * version is deprecated, it will no longer function" (azure-aks-docs concepts-preview-api-lifecycle.md). Retired
 * versions are answered exactly like versions that never existed.
 */
export class RetiredApiVersions {
  private readonly retired = new Set<string>();

  set(versions: readonly string[]): void {
    this.retired.clear();
    for (const v of versions) this.retired.add(v);
  }

  list(): string[] {
    return [...this.retired].sort();
  }

  has(apiVersion: string): boolean {
    return this.retired.has(apiVersion);
  }
}

/**
 * Checks the api-version like ARM's front door: missing → MissingApiVersionParameter, unknown (or retired) for the
 * resource type → 400 NoRegisteredProviderFound, "No registered resource provider found for location {location} and
 * API version {api-version} for type {resource-type}", one of whose causes is "the resource type doesn't support the
 * API version" (learn.microsoft.com, Azure Resource Manager, "Resolve errors for resource provider registration").
 */
export function requireApiVersion(
  query: URLSearchParams,
  resourceType: string,
  supported: readonly string[],
  location = 'global',
  retired: { has(apiVersion: string): boolean } = { has: () => false },
): string {
  const apiVersion = query.get('api-version');
  if (apiVersion === null || apiVersion === '') {
    throw new ArmError(
      400,
      'MissingApiVersionParameter',
      "The api-version query parameter (?api-version=) is required for all requests.",
    );
  }
  const live = supported.filter((v) => !retired.has(v));
  if (!live.includes(apiVersion)) {
    throw new ArmError(
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location '${location}' and API version '${apiVersion}' for type '${resourceType}'. The supported api-versions are '${live.join(', ')}'.`,
    );
  }
  return apiVersion;
}
