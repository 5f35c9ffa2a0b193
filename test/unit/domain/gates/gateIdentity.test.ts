import { describe, expect, it } from 'vitest';
import { gateDisplayName, parseGateDisplayName } from '../../../../src/domain/gates/gateDisplayName';
import { gateIdentityFromGate, type FleetGateView } from '../../../../src/domain/gates/gateIdentity';

const FLEET = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/fleet-1';
const GATE_ID = '12345678-910a-bcde-f000-000000000000';

function aGate(overrides: Partial<FleetGateView['properties']> = {}): FleetGateView {
  return {
    id: `${FLEET}/gates/${GATE_ID}`,
    name: GATE_ID,
    properties: {
      displayName: 'conductor:prod-health',
      gateType: 'Approval',
      target: { id: `${FLEET}/updateRuns/k8s-1-33-4`, updateRunProperties: { name: 'k8s-1-33-4', stage: 'canary', timing: 'After' } },
      ...overrides,
    },
  };
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
  it('builds the identity of a Conductor gate from the Gate resource', () => {
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
    const gate = aGate({ target: { updateRunProperties: { name: 'r', stage: 'prod', group: 'eu', timing: 'Before' } } });

    expect(gateIdentityFromGate(gate)).toMatchObject({ stage: 'prod', group: 'eu', timing: 'Before' });
  });

  it.each([
    { name: 'a foreign displayName', gate: aGate({ displayName: 'Run health checks' }) },
    { name: 'no displayName', gate: aGate({ displayName: null }) },
    { name: 'a ScheduledStart gate', gate: aGate({ gateType: 'ScheduledStart' }) },
    { name: 'no run target', gate: aGate({ target: null }) },
    { name: 'an unknown timing', gate: aGate({ target: { updateRunProperties: { name: 'r', stage: 's', timing: 'During' } } }) },
  ])('ignores $name', ({ gate }) => {
    expect(gateIdentityFromGate(gate)).toBeUndefined();
  });
});
