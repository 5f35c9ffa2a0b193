import { parseGateDisplayName } from './gateDisplayName';
import type { FleetGate } from './fleetGate';
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

const GATE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Returns the identity of a gate Conductor owns, read from the port's FleetGate as is, or undefined when the gate is
 * foreign (displayName not `conductor:<policy-id>`), not an Approval gate, or not addressable (its name not a GUID).
 */
export function gateIdentityFromGate(gate: FleetGate): GateIdentity | undefined {
  const policyId = parseGateDisplayName(gate.displayName);
  if (policyId === undefined) return undefined;
  if (gate.gateType.toLowerCase() !== 'approval') return undefined;
  const gateId = gate.gateId.toLowerCase();
  if (gate.runName === '' || gate.stage === '' || !GATE_ID.test(gateId)) return undefined;
  return {
    fleetId: gate.fleetId,
    runName: gate.runName,
    gateId,
    displayName: gate.displayName,
    policyId,
    stage: gate.stage,
    ...(gate.group === undefined || gate.group === '' ? {} : { group: gate.group }),
    timing: gate.timing,
  };
}

/** The addressing part of an identity. */
export function gateRef(gate: GateIdentity): GateRef {
  return { fleetId: gate.fleetId, runName: gate.runName, gateId: gate.gateId };
}
