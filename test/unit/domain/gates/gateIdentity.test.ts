import { describe, expect, it } from 'vitest';
import { gateDisplayName, parseGateDisplayName } from '../../../../src/domain/gates/gateDisplayName';
import type { FleetGate } from '../../../../src/domain/gates/fleetGate';
import { gateIdentityFromGate } from '../../../../src/domain/gates/gateIdentity';

const FLEET = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/fleet-1';
const GATE_ID = '12345678-910a-bcde-f000-000000000000';

/** The port's gate, as the ARM adapter (toFleetGate) maps it. */
function aGate(overrides: Partial<FleetGate> = {}): FleetGate {
  return { fleetId: FLEET, gateId: GATE_ID, displayName: 'conductor:prod-health', gateType: 'Approval', state: 'Pending', runName: 'k8s-1-33-4', stage: 'canary', timing: 'After', ...overrides };
}

describe('parseGateDisplayName', () => {
  it.each([
    { displayName: 'conductor:prod-health', expected: 'prod-health' },
    { displayName: 'conductor:a', expected: 'a' },
    { displayName: 'Run health checks', expected: undefined },
    { displayName: 'Conductor:prod-health', expected: undefined },
    { displayName: ' conductor:prod-health', expected: undefined },
    { displayName: 'conductor:', expected: undefined },
    { displayName: 'conductor:Prod_Health', expected: undefined },
    { displayName: 'conductor:prod-health ', expected: undefined },
    { displayName: 'hg:prod-health', expected: undefined },
    { displayName: null, expected: undefined },
    { displayName: undefined, expected: undefined },
  ])('maps displayName $displayName to policy $expected', ({ displayName, expected }) => {
    expect(parseGateDisplayName(displayName)).toBe(expected);
  });

  it('round-trips with gateDisplayName', () => {
    expect(parseGateDisplayName(gateDisplayName('prod-health'))).toBe('prod-health');
  });
});

describe('gateIdentityFromGate', () => {
  it('builds the identity of a Conductor gate from the port\'s gate', () => {
    expect(gateIdentityFromGate(aGate())).toEqual({
      fleetId: FLEET,
      runName: 'k8s-1-33-4',
      gateId: GATE_ID,
      displayName: 'conductor:prod-health',
      policyId: 'prod-health',
      stage: 'canary',
      timing: 'After',
    });
  });

  it('keeps the group of a group gate', () => {
    const gate = aGate({ runName: 'r', stage: 'prod', group: 'eu', timing: 'Before' });

    expect(gateIdentityFromGate(gate)).toMatchObject({ stage: 'prod', group: 'eu', timing: 'Before' });
  });

  it.each([
    { name: 'a foreign displayName', gate: aGate({ displayName: 'Run health checks' }) },
    { name: 'no displayName', gate: aGate({ displayName: '' }) },
    { name: 'a ScheduledStart gate', gate: aGate({ gateType: 'ScheduledStart' }) },
    { name: 'no run target', gate: aGate({ runName: '', stage: '' }) },
    { name: 'a name that is not a gate GUID', gate: aGate({ gateId: 'not-a-guid' }) },
  ])('ignores $name', ({ gate }) => {
    expect(gateIdentityFromGate(gate)).toBeUndefined();
  });
});
