import { compareVersions, minorDistance, minorOf } from '../sim/versions';
import type { RegionCatalog } from '../sim/worldTypes';

/** `GET …/locations/{l}/kubernetesVersions` body: minors with patch versions and their allowed upgrades (docs/azure-apis.md §4.1). */
export function kubernetesVersionList(catalog: RegionCatalog): { values: Record<string, unknown>[] } {
  const versions = [...catalog.kubernetes.keys()].sort(compareVersions);
  const minors = [...new Set(versions.map(minorOf))].sort(compareVersions);
  const gaMinors = minors.filter((m) => versions.some((v) => minorOf(v) === m && catalog.kubernetes.get(v)?.isPreview === false));
  const defaultMinor = gaMinors.at(-2) ?? gaMinors.at(-1);
  return {
    values: minors.map((minor) => {
      const patches = versions.filter((v) => minorOf(v) === minor);
      const info = catalog.kubernetes.get(patches[0] ?? '');
      const patchVersions: Record<string, { upgrades: string[] }> = {};
      for (const p of patches)
        patchVersions[p] = { upgrades: versions.filter((v) => compareVersions(v, p) > 0 && minorDistance(p, v) <= 1) };
      return {
        version: minor,
        ...(minor === defaultMinor ? { isDefault: true } : {}),
        ...(info?.isPreview ? { isPreview: true } : {}),
        capabilities: { supportPlan: info?.supportPlan ?? ['KubernetesOfficial'] },
        patchVersions,
      };
    }),
  };
}
