import type { GateState } from '../../src/domain/gates/gateState';
import { DEFAULT_ANALYSIS } from '../../src/domain/gates/gatePolicy';

export const FLEET_ID = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/Fleet-1';

/** A plausible stored gate, built by hand (store tests must not depend on the state machine's output). */
export function aGateState(over: { gateId?: string; runName?: string; version?: number; bigHistory?: number } = {}): GateState {
  const gateId = over.gateId ?? '0f1e2d3c-4b5a-6978-8a9b-acbdcedf0011';
  return {
    version: over.version ?? 1,
    gate: {
      fleetId: FLEET_ID,
      runName: over.runName ?? 'k8s-1-33-4',
      gateId,
      displayName: 'conductor:prod-health',
      policyId: 'prod-health',
      stage: 'canary',
      timing: 'After',
    },
    policy: { id: 'prod-health', checks: [], analysis: DEFAULT_ANALYSIS },
    observedAt: '2026-11-21T10:00:00.000Z',
    clusters: [],
    excludedMembers: [],
    failedMembers: [],
    phase: { name: 'Soaking', until: '2026-11-21T10:05:00.000Z' },
    checks: [],
    history: Array.from({ length: over.bigHistory ?? 1 }, (_, i) => ({
      at: `2026-11-21T10:00:${String(i % 60).padStart(2, '0')}.000Z`,
      from: 'Observed' as const,
      to: 'Soaking' as const,
      reason: 'GateObserved' as GateState['history'][number]['reason'],
      message: `entry ${i} ${'x'.repeat(200)}`,
    })),
  };
}
