import type { BudgetTime } from '../../src/adapters/arm/ArmRequestBudget';

/**
 * Real time for the request budgets that moves by what is slept, at once: the production pacing (ARM's token buckets,
 * the Log Analytics pacer) runs and orders requests exactly as deployed, without a test waiting the seconds a first
 * tick of 200 fleets would wait in Azure. One per composed app (a process of its own).
 */
export function fastForwardTime(): BudgetTime {
  let now = 0;
  return {
    realMs: () => now,
    sleep: (ms) => {
      now += ms;
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}
