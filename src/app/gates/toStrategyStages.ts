import type { StrategyConfig } from '../../domain/config/conductorConfig';
import { gateDisplayName } from '../../domain/gates/gateDisplayName';
import type { StrategyStage } from '../../ports';

const gates = (policyId: string | undefined): { displayName: string }[] => (policyId ? [{ displayName: gateDisplayName(policyId) }] : []);

/** The Fleet strategy for a configured one: each gated point gets one Approval gate named `conductor:<policy>`; maxConcurrency as configured. */
export function toStrategyStages(strategy: StrategyConfig): StrategyStage[] {
  return strategy.stages.map((s) => ({
    name: s.name,
    afterStageWaitInSeconds: s.afterStageWaitInSeconds,
    ...(s.maxConcurrency !== undefined ? { maxConcurrency: s.maxConcurrency } : {}),
    beforeGates: gates(s.beforeGate),
    afterGates: gates(s.afterGate),
    groups: s.groups.map((g) => ({
      name: g.name,
      ...(g.maxConcurrency !== undefined ? { maxConcurrency: g.maxConcurrency } : {}),
      beforeGates: gates(g.beforeGate),
      afterGates: gates(g.afterGate),
    })),
  }));
}
