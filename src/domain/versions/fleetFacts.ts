/**
 * The observed facts the version policy decides over. Adapters fill these from ARM (members, clusters,
 * `listKubernetesVersions` / `nodeImageVersions` per region) and Table Storage (first-seen, active run).
 */

/** One Fleet member and the AKS cluster behind it. */
export interface MemberFacts {
  /** Fleet member name. */
  readonly name: string;
  readonly clusterResourceId: string;
  /** Azure region of the cluster (`westeurope`, `East US` and `eastus` are treated alike). */
  readonly region: string;
  /** Current control-plane version, e.g. `1.33.4`. */
  readonly kubernetesVersion: string;
  /** Node image of each agent pool, version (`202511.02.0`) or full name (`AKSUbuntu-2204gen2containerd-202511.02.0`). */
  readonly nodeImageVersions: readonly string[];
  /** AKS cluster auto-upgrade channel (`none`, `patch`, `stable`, `rapid`, `node-image`); undefined = unknown. */
  readonly autoUpgradeChannel?: string;
  /** AKS node OS auto-upgrade channel (`None`, `Unmanaged`, `NodeImage`, `SecurityPatch`); undefined = unknown. */
  readonly nodeOsUpgradeChannel?: string;
  /** The cluster's AKS support plan; undefined = `KubernetesOfficial`. */
  readonly supportPlan?: SupportPlan;
  /** Fleet update group of the member, if any. */
  readonly group?: string;
  /** The member's AKS planned-maintenance window for this kind of upgrade, when the caller knows it. */
  readonly maintenanceWindow?: { readonly open: boolean; readonly nextOpeningAt?: string };
}

export type SupportPlan = 'KubernetesOfficial' | 'AKSLongTermSupport';

/** One minor as `listKubernetesVersions(region)` reports it. */
export interface MinorAvailability {
  /** `major.minor`, e.g. `1.33`. */
  readonly version: string;
  readonly isPreview: boolean;
  /** `capabilities.supportPlan`. */
  readonly supportPlan: readonly SupportPlan[];
  /** The keys of `patchVersions`, e.g. `['1.33.2', '1.33.4']`. */
  readonly patchVersions: readonly string[];
}

/** What one region offers. */
export interface RegionAvailability {
  readonly kubernetesVersions: readonly MinorAvailability[];
  /** Node image versions (`202511.02.0`) published in the region. */
  readonly nodeImageVersions?: readonly string[];
}

/** Region name → what it offers. Only the member regions matter; others are ignored. */
export type RegionalAvailability = Readonly<Record<string, RegionAvailability>>;

/** When Conductor first saw a version (Kubernetes or node image) published in a region. */
export interface FirstSeen {
  readonly region: string;
  readonly version: string;
  /** ISO 8601. */
  readonly firstSeenAt: string;
}

/** What the update run Conductor may create targets. */
export type UpgradeTarget =
  | { readonly kind: 'kubernetes'; readonly version: string }
  | { readonly kind: 'nodeimage'; readonly version: string };

/** The fleet's active (not terminal) update run, if any. */
export interface ActiveRun {
  readonly name: string;
  readonly target: UpgradeTarget;
}

/** Canonical region key: lowercase, no spaces (`East US` → `eastus`). */
export function regionKey(region: string): string {
  return region.replace(/\s+/g, '').toLowerCase();
}

/** The distinct member regions (canonical keys), sorted. */
export function memberRegions(members: readonly MemberFacts[]): string[] {
  return [...new Set(members.map((m) => regionKey(m.region)))].sort();
}

/** Looks up a region's availability by canonical key. */
export function availabilityIn(availability: RegionalAvailability, region: string): RegionAvailability | undefined {
  const key = regionKey(region);
  for (const [name, value] of Object.entries(availability)) {
    if (regionKey(name) === key) return value;
  }
  return undefined;
}
