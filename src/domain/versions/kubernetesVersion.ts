/** A Kubernetes version as AKS publishes it: `major.minor.patch` (e.g. `1.33.4`). */
export interface KubernetesVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** A Kubernetes minor (e.g. `1.33`), the unit AKS support plans and `upgrades` are defined on. */
export interface KubernetesMinor {
  readonly major: number;
  readonly minor: number;
}

const VERSION = /^v?(\d{1,4})\.(\d{1,4})\.(\d{1,6})$/;
const MINOR = /^v?(\d{1,4})\.(\d{1,4})$/;

/** Parses `1.33.4` (a leading `v` is tolerated). Returns undefined for anything else, e.g. `1.33` or `1.33.4-rc`. */
export function parseKubernetesVersion(text: string): KubernetesVersion | undefined {
  const m = VERSION.exec(text.trim());
  if (m === null) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
}

/** Parses a minor `1.33`, or the minor of a full version `1.33.4`. Returns undefined for anything else. */
export function parseKubernetesMinor(text: string): KubernetesMinor | undefined {
  const m = MINOR.exec(text.trim());
  if (m !== null) return { major: Number(m[1]), minor: Number(m[2]) };
  const v = parseKubernetesVersion(text);
  return v === undefined ? undefined : { major: v.major, minor: v.minor };
}

/** Formats a minor as AKS does: `1.33`. */
export function formatKubernetesMinor(v: KubernetesMinor): string {
  return `${v.major}.${v.minor}`;
}

/** Negative when a < b, zero when equal, positive when a > b (numeric, not lexical: 1.9 < 1.10). */
export function compareKubernetesVersions(a: KubernetesVersion, b: KubernetesVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** Compares minors only (patch ignored). */
export function compareKubernetesMinors(a: KubernetesMinor, b: KubernetesMinor): number {
  return a.major - b.major || a.minor - b.minor;
}

/**
 * How many minors `to` is above `from` (negative when below). Kubernetes 1.x is the only major in use; a major
 * change counts as a very large distance so it is never treated as a one-minor step.
 */
export function minorDistance(from: KubernetesMinor, to: KubernetesMinor): number {
  if (from.major !== to.major) return (to.major - from.major) * 1000;
  return to.minor - from.minor;
}

/** True when both versions are on the same minor. */
export function sameMinor(a: KubernetesMinor, b: KubernetesMinor): boolean {
  return a.major === b.major && a.minor === b.minor;
}
