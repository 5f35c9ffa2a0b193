import type { VersionFeatures } from '../arm/apiVersions';
import { ArmError } from '../arm/armError';
import { newEtag } from '../arm/etag';
import { buildStages } from '../sim/runBuilder';
import type { Simulation } from '../sim/simulation';
import { normalizeStrategy } from '../sim/strategyNormalizer';
import { systemData } from '../sim/worldBuilder';
import type { FleetState, ManagedClusterUpdate, RunState, StrategyDef } from '../sim/worldTypes';
import { lookup } from './fleetLookup';

const invalid = (message: string): never => {
  throw new ArmError(400, 'InvalidRequestContent', message);
};

const UPGRADE_TYPES = ['Full', 'ControlPlaneOnly', 'NodeImageOnly'];
const SELECTION_TYPES = ['Latest', 'Consistent', 'Custom'];

export function parseManagedClusterUpdate(raw: unknown): ManagedClusterUpdate {
  const mcu = raw as { upgrade?: { type?: unknown; kubernetesVersion?: unknown }; nodeImageSelection?: { type?: unknown; customNodeImageVersions?: unknown } } | undefined;
  const type = mcu?.upgrade?.type;
  if (typeof type !== 'string' || !UPGRADE_TYPES.includes(type)) return invalid(`properties.managedClusterUpdate.upgrade.type must be one of ${UPGRADE_TYPES.join(', ')}.`);
  const version = mcu?.upgrade?.kubernetesVersion;
  if (type === 'NodeImageOnly' && version !== undefined && version !== null) return invalid('kubernetesVersion must not be set when upgrade type is NodeImageOnly.');
  if (type !== 'NodeImageOnly' && (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version)))
    return invalid(`kubernetesVersion is required (a full patch version such as 1.33.4) when upgrade type is ${type}.`);
  const selection = mcu?.nodeImageSelection?.type ?? 'Latest';
  if (typeof selection !== 'string' || !SELECTION_TYPES.includes(selection)) return invalid(`nodeImageSelection.type must be one of ${SELECTION_TYPES.join(', ')}.`);
  const custom = mcu?.nodeImageSelection?.customNodeImageVersions;
  if (selection === 'Custom' && (!Array.isArray(custom) || custom.length === 0)) return invalid('customNodeImageVersions is required when nodeImageSelection.type is Custom.');
  return {
    upgrade: { type: type as ManagedClusterUpdate['upgrade']['type'], ...(typeof version === 'string' ? { kubernetesVersion: version } : {}) },
    nodeImageSelection: {
      type: selection as 'Latest' | 'Consistent' | 'Custom',
      ...(selection === 'Custom' ? { customNodeImageVersions: custom as { version: string }[] } : {}),
    },
  };
}

function strategyFromId(fleet: FleetState, id: string): StrategyDef {
  const m = /\/fleets\/([^/]+)\/updateStrategies\/([^/]+)$/i.exec(id);
  const strategy = m && m[1]?.toLowerCase() === fleet.name.toLowerCase() ? lookup(fleet.strategies, m[2] ?? '') : undefined;
  if (!strategy) throw new ArmError(404, 'ResourceNotFound', `The update strategy '${id}' was not found in fleet '${fleet.name}'.`);
  return structuredClone(strategy.strategy);
}

export interface RunSpec {
  properties: Record<string, unknown> | undefined;
  autoUpgradeProfileId?: string;
}

/** Creates (or replaces, before start) a run: inline strategy, `updateStrategyId` (snapshotted) or neither. */
export function buildRun(sim: Simulation, fleet: FleetState, name: string, spec: RunSpec, f: VersionFeatures, existing?: RunState): RunState {
  const props = spec.properties;
  if (!props) return invalid("The request body must contain 'properties'.");
  const hasStrategy = props.strategy !== undefined && props.strategy !== null;
  const strategyId = props.updateStrategyId;
  if (hasStrategy && typeof strategyId === 'string') return invalid("Only one of 'strategy' and 'updateStrategyId' can be set.");
  if (strategyId !== undefined && strategyId !== null && typeof strategyId !== 'string') return invalid('updateStrategyId must be a string.');
  const strategy = hasStrategy ? normalizeStrategy(props.strategy, f) : typeof strategyId === 'string' ? strategyFromId(fleet, strategyId) : undefined;
  const mcu = parseManagedClusterUpdate(props.managedClusterUpdate);
  const now = sim.nowIso();
  return {
    key: `${fleet.key}/${name}`,
    fleetKey: fleet.key,
    name,
    etag: newEtag(),
    systemData: existing ? { ...existing.systemData, lastModifiedAt: now } : systemData(now),
    ...(strategy ? { strategy } : {}),
    ...(typeof strategyId === 'string' ? { updateStrategyId: strategyId } : {}),
    ...(spec.autoUpgradeProfileId ? { autoUpgradeProfileId: spec.autoUpgradeProfileId } : {}),
    managedClusterUpdate: mcu,
    status: { state: 'NotStarted' },
    stages: buildStages(fleet, strategy),
  };
}
