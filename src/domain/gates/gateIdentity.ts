import { parseGateDisplayName } from './gateDisplayName';
import type { GateTarget } from './runStatus';

/** Who a gate is: enough to address it in ARM, find its run, and map it back to its policy. Plain JSON. */
export interface GateIdentity extends GateTarget {
  /** Fleet ARM id (`/subscriptions/../fleets/{fleet}`). */
  readonly fleetId: string;
  /** Update run name. */
  readonly runName: string;
  /** Gate name: a lowercase GUID, exists only once the run reaches the gate. */
  readonly gateId: string;
  readonly displayName: string;
  /** Parsed from `conductor:<policy-id>`. */
  readonly policyId: string;
}

/** The addressing part of a gate, carried by every action. */
export type GateRef = Pick<GateIdentity, 'fleetId' | 'runName' | 'gateId'>;

/** The minimal Gate resource shape (`fleets/gates`, 2025-04-01-preview+) that identity needs. */
export interface FleetGateView {
  readonly id: string;
  readonly name: string;
  readonly properties: {
    readonly displayName?: string | null;
    readonly gateType?: string | null;
    readonly target?: {
      readonly id?: string | null;
      readonly updateRunProperties?: {
        readonly name?: string | null;
        readonly stage?: string | null;
        readonly group?: string | null;
        readonly timing?: string | null;
      } | null;
    } | null;
  };
}

const GATE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Returns the identity of a gate Conductor owns, or undefined when the gate is foreign (displayName not
 * `conductor:<policy-id>`), not an Approval gate, or lacks its run target (nothing to decide then).
 */
export function gateIdentityFromGate(gate: FleetGateView): GateIdentity | undefined {
  const policyId = parseGateDisplayName(gate.properties.displayName);
  if (policyId === undefined || gate.properties.displayName == null) return undefined;
  if ((gate.properties.gateType ?? 'Approval').toLowerCase() !== 'approval') return undefined;
  const run = gate.properties.target?.updateRunProperties;
  const timing = run?.timing === 'Before' || run?.timing === 'After' ? run.timing : undefined;
  const gateId = gate.name.toLowerCase();
  const fleetId = fleetIdOf(gate.id);
  if (run?.name == null || run.stage == null || timing === undefined || !GATE_ID.test(gateId) || fleetId === undefined) return undefined;
  return {
    fleetId,
    runName: run.name,
    gateId,
    displayName: gate.properties.displayName,
    policyId,
    stage: run.stage,
    ...(run.group == null || run.group === '' ? {} : { group: run.group }),
    timing,
  };
}

/** `/subscriptions/../fleets/{f}/gates/{guid}` → `/subscriptions/../fleets/{f}` (case preserved). */
function fleetIdOf(gateResourceId: string): string | undefined {
  const index = gateResourceId.toLowerCase().lastIndexOf('/gates/');
  return index > 0 ? gateResourceId.slice(0, index) : undefined;
}

/** The addressing part of an identity. */
export function gateRef(gate: GateIdentity): GateRef {
  return { fleetId: gate.fleetId, runName: gate.runName, gateId: gate.gateId };
}
