import { formatNodeImageVersion, parseNodeImageVersion, compareNodeImageVersions } from '../../domain/versions/nodeImageVersion';
import type { UpgradeTarget } from '../../domain/versions/fleetFacts';
import type { UpdateRunSpec } from '../../ports';
import type { NodeImageVersion, UpdateRun } from './fleetWire20260601';

/** The newest `YYYYMM.DD.N` among full image names; other formats (Windows builds) cannot be compared and are ignored. */
function newestImage(refs: readonly NodeImageVersion[] | null | undefined): string | undefined {
  const parsed = (refs ?? []).flatMap((r) => {
    const v = r.version ? parseNodeImageVersion(r.version) : undefined;
    return v ? [v] : [];
  });
  const newest = parsed.sort(compareNodeImageVersions).at(-1);
  return newest ? formatNodeImageVersion(newest) : undefined;
}

/**
 * What a run upgrades to, read from its `managedClusterUpdate`: Full and ControlPlaneOnly carry the Kubernetes
 * version; a NodeImageOnly run names no version, so its image is the one Fleet selected (`Consistent`, known once
 * created or started), else a `Custom` list, else `latest` (`Latest`: each member gets its region's newest).
 * Undefined when the run's shape cannot be read (an unknown upgrade type, a Full run without a version).
 */
export function toRunTarget(json: unknown): UpgradeTarget | undefined {
  const p = (json as UpdateRun).properties;
  const upgrade = p?.managedClusterUpdate?.upgrade;
  const type = upgrade?.type?.toLowerCase();
  if (type === 'full' || type === 'controlplaneonly') {
    return upgrade?.kubernetesVersion ? { kind: 'kubernetes', version: upgrade.kubernetesVersion } : undefined;
  }
  if (type === 'nodeimageonly') {
    const version =
      newestImage(p?.status?.nodeImageSelection?.selectedNodeImageVersions) ?? newestImage(p?.managedClusterUpdate?.nodeImageSelection?.customNodeImageVersions) ?? 'latest';
    return { kind: 'nodeimage', version };
  }
  return undefined;
}

/**
 * The PUT body of an update run Conductor creates. Fleet cannot pin a node image by version except with `Custom`
 * full names per image family, so a node image target is expressed by its selection (`Latest`/`Consistent`) only;
 * the target version is what Conductor expects that selection to yield.
 */
export function toUpdateRunBody(fleetId: string, spec: UpdateRunSpec): { properties: Record<string, unknown> } {
  const upgrade = spec.target.kind === 'kubernetes' ? { type: 'Full', kubernetesVersion: spec.target.version } : { type: 'NodeImageOnly' };
  return {
    properties: {
      updateStrategyId: `${fleetId}/updateStrategies/${spec.strategyName}`,
      managedClusterUpdate: { upgrade, nodeImageSelection: { type: spec.nodeImageSelection } },
    },
  };
}
