import { afterAll, describe, expect, it } from 'vitest';
import type { ClusterHealth, CollectionPreset } from '../../../emulator/telemetrySource';
import { measure, type Verdict } from './catalogueWorld';

/**
 * The failure catalogue: one scenario per row, run against the emulator's Container Insights tables (agent-true
 * rows, seeded ingestion delay) at both collection presets, with the expected verdict of every built-in check.
 * `truth` is what a gate should conclude: `healthy` (every check passes), `unhealthy` (some check fails or is held)
 * or `unobservable` (the preset does not collect what broke; the policy that asks for it is refused at load).
 */
type Expected = Partial<Record<string, Verdict>>;
interface Row {
  readonly name: string;
  readonly after: Partial<ClusterHealth>;
  /** Health while the upgrade runs, when the condition begins before its end. */
  readonly during?: Partial<ClusterHealth>;
  readonly truth: 'healthy' | 'unhealthy' | 'unobservable';
  /** Checks not listed are expected Successful. */
  readonly expected: Expected;
  readonly byPreset?: Partial<Record<CollectionPreset, { truth?: Row['truth']; expected: Expected }>>;
  /** Window not cut at the end of the upgrade, measured this many minutes after it. */
  readonly uncutMinutes?: number;
}

const ALL_NO_DATA: Expected = { 'nodes-ready': 'Inconclusive', 'pods-healthy': 'Inconclusive', 'pods-pending': 'Inconclusive', 'critical-workloads': 'Inconclusive', 'pvc-bound': 'Inconclusive', restarts: 'Inconclusive' };
/** Under cost-optimized, a critical-workloads entry in kube-system is refused at config load. */
const NO_KUBE_SYSTEM: Expected = { 'critical-workloads': 'ConfigError' };

const ROWS: readonly Row[] = [
  { name: 'healthy workloads with init containers and sidecars', after: {}, truth: 'healthy', expected: {} },
  { name: 'Jobs that completed (Succeeded pods in a watched namespace)', after: {}, truth: 'healthy', expected: {} },
  { name: 'pods evicted at the end of the upgrade (window spans the end, not cut)', after: {}, truth: 'healthy', expected: {}, uncutMinutes: 2 },
  { name: 'crash loop after the upgrade', after: { crashLoopingPods: 1, failingNamespace: 'shop' }, truth: 'unhealthy', expected: { 'pods-healthy': 'Failed', 'critical-workloads': 'Failed' } },
  { name: 'image pull failure', after: { imagePullBackOffPods: 1, failingNamespace: 'shop' }, truth: 'unhealthy', expected: { 'pods-healthy': 'Failed', 'pods-pending': 'Failed', 'critical-workloads': 'Failed' } },
  { name: 'pods unschedulable (capacity or PDB)', after: { unschedulablePods: 2, failingNamespace: 'shop' }, truth: 'unhealthy', expected: { 'pods-pending': 'Failed', 'critical-workloads': 'Failed' } },
  { name: 'node NotReady', after: { notReadyNodes: 1 }, truth: 'unhealthy', expected: { 'nodes-ready': 'Failed' } },
  { name: 'PVC stuck pending (no volume, ProvisioningFailed events)', after: { pendingPvcs: 1 }, truth: 'unhealthy', expected: { 'pvc-bound': 'Failed' } },
  {
    // The claim's ProvisioningFailed event object was created during the upgrade, so every KubeEvents row of it is
    // stamped (TimeGenerated) before the window; it is still re-reported (LastSeen) inside the window.
    name: "PVC failing to provision since before the upgrade's end", during: { pendingPvcs: 1 }, after: { pendingPvcs: 1 }, truth: 'unhealthy', expected: { 'pvc-bound': 'Failed' },
  },
  { name: 'a Released PV (its claim was deleted)', after: { releasedPvs: 1 }, truth: 'healthy', expected: {} },
  { name: 'monitoring agent broken (no data after the upgrade)', after: { metricsFlowing: false }, truth: 'unhealthy', expected: { ...ALL_NO_DATA, 'metrics-flowing': 'Failed' } },
  {
    name: 'kube-system CoreDNS down', after: { crashLoopingPods: 2, failingNamespace: 'kube-system' }, truth: 'unhealthy',
    // Two crash-looping coredns pods restart about 3 times each in the 5-minute window: restarts fails too.
    expected: { 'pods-healthy': 'Failed', 'critical-workloads': 'Failed', restarts: 'Failed' },
    // Cost-optimized does not collect kube-system: nothing can see CoreDNS, and the policy that lists it is refused.
    byPreset: { 'cost-optimized': { truth: 'unobservable', expected: { ...NO_KUBE_SYSTEM, 'pods-healthy': 'Successful', restarts: 'Successful' } } },
  },
  { name: 'a quiet healthy cluster', after: {}, truth: 'healthy', expected: {} },
  { name: 'a surge node deleted at the end (window spans the end, not cut)', after: {}, truth: 'healthy', expected: {}, uncutMinutes: 1 },
];

const CHECKS = ['nodes-ready', 'pods-healthy', 'pods-pending', 'critical-workloads', 'metrics-flowing', 'pvc-bound', 'restarts'];
const tally = { falsePass: 0, falseFail: 0, gateFalsePass: 0, gateFalseFail: 0 };

describe.each<CollectionPreset>(['standard', 'cost-optimized'])('failure catalogue under the %s preset', (preset) => {
  // Standard: 6 min after the upgrade (lookback 5 min); cost-optimized: 14 min (5-minute samples, lookback 13 min).
  const minutes = preset === 'standard' ? 6 : 14;
  it.each(ROWS)('$name', async (row) => {
    const override = row.byPreset?.[preset];
    const truth = override?.truth ?? row.truth;
    const expectedPart = { ...row.expected, ...(preset === 'cost-optimized' ? NO_KUBE_SYSTEM : {}), ...override?.expected };
    const expected = Object.fromEntries(CHECKS.map((c) => [c, expectedPart[c] ?? 'Successful']));
    const { verdicts, values } = await measure({ preset, after: row.after, ...(row.during ? { during: row.during } : {}), minutesAfterUpgrade: row.uncutMinutes ?? minutes, cutAtUpgrade: row.uncutMinutes === undefined });
    for (const check of CHECKS) {
      if (verdicts[check] === 'Successful' && expected[check] !== 'Successful') tally.falsePass += 1;
      if (verdicts[check] === 'Failed' && expected[check] !== 'Failed') tally.falseFail += 1;
    }
    const gatePasses = CHECKS.every((c) => verdicts[c] === 'Successful' || verdicts[c] === 'ConfigError');
    const gateFails = CHECKS.some((c) => verdicts[c] === 'Failed');
    if (truth === 'unhealthy' && gatePasses) tally.gateFalsePass += 1;
    if (truth === 'healthy' && gateFails) tally.gateFalseFail += 1;
    expect({ verdicts, values }).toMatchObject({ verdicts: expected });
  });
});

afterAll(() => {
  console.log(`failure catalogue: false pass ${tally.falsePass}, false fail ${tally.falseFail} (gate level: false pass ${tally.gateFalsePass}, false fail ${tally.gateFalseFail})`);
  expect(tally).toEqual({ falsePass: 0, falseFail: 0, gateFalsePass: 0, gateFalseFail: 0 });
});
