import { describe, expect, it } from 'vitest';
import { getRunDetail, type RunDetailDeps } from '../../../../src/app/history/getRunDetail';
import type { ApprovalWiring } from '../../../../src/app/approvals/approvalWiring';
import { parseConductorConfig } from '../../../../src/domain/config/parseConductorConfig';
import { aGateState } from '../../../contract/gateStateFixture';
import { InMemoryAuditLog } from '../../../support/fakes/InMemoryAuditLog';
import { InMemoryEvidenceStore } from '../../../support/fakes/InMemoryEvidenceStore';
import { InMemoryGateStore } from '../../../support/fakes/InMemoryGateStore';
import { InMemoryReleaseStore } from '../../../support/fakes/InMemoryReleaseStore';
import { InMemoryRunHistory } from '../../../support/fakes/InMemoryRunHistory';

const SUB = '00000000-0000-0000-0000-000000000001';
const FLEET_ID = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/fleet-a`;
const RUN = 'run-1';

/**
 * Every store call waits until the test opens the next round; a call made while round k is open belongs to round
 * k. The number of rounds is the number of storage round trips a request waits for one after another (each costs
 * a few milliseconds in Azure), counted without any timing.
 */
function rounds() {
  let round = 0;
  let waiting: (() => void)[] = [];
  const calls: [number, string][] = [];
  const wrap = <T extends object>(name: string, target: T): T =>
    new Proxy(target, {
      get(t, key) {
        const value = Reflect.get(t, key) as unknown;
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          calls.push([round, `${name}.${String(key)}`]);
          await new Promise<void>((resolve) => waiting.push(resolve));
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  /** Runs `work`, opening a new round whenever every pending call waits; resolves with its result. */
  const drive = async <R>(work: Promise<R>): Promise<R> => {
    let done = false;
    const result = work.finally(() => (done = true));
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      if (waiting.length === 0) continue;
      const open = waiting;
      waiting = [];
      round += 1;
      for (const resolve of open) resolve();
    }
    return result;
  };
  return { wrap, drive, calls };
}

describe('run detail: how many storage round trips one request waits for', () => {
  it('reads the run, its record, gates and trail in one round, then evidence and approval ledgers of every gate in a second', async () => {
    const parsed = parseConductorConfig({
      fleets: [{ name: 'fleet-a', subscriptionId: SUB, resourceGroup: 'rg', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 's' }],
      strategies: [{ name: 's', stages: [{ name: 'dev', groups: ['dev'] }] }],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const history = new InMemoryRunHistory();
    await history.upsertRuns([{ fleetName: 'fleet-a', fleetId: FLEET_ID, runName: RUN, state: 'Completed', createdAt: '2026-11-21T10:00:00.000Z', observedAt: '2026-11-21T10:00:00.000Z', createdBy: 'x', target: { kind: 'kubernetes', version: '1.33.4' }, stages: [] }]);
    const gates = new InMemoryGateStore();
    const evidence = new InMemoryEvidenceStore();
    for (const g of ['0f1e2d3c-4b5a-6978-8a9b-acbdcedf0011', '0f1e2d3c-4b5a-6978-8a9b-acbdcedf0022', '0f1e2d3c-4b5a-6978-8a9b-acbdcedf0033']) {
      const base = aGateState({ gateId: g, runName: RUN });
      // An approval policy on each gate, so the run detail reads each gate's ledger (its content is not under test).
      const state = { ...base, gate: { ...base.gate, fleetId: FLEET_ID }, policy: { ...base.policy, approval: {} as never }, phase: { name: 'Passed' as const, at: '2026-11-21T10:10:00.000Z' } };
      await gates.createGate({ state, journal: [] });
      await evidence.putEvidence({ gate: state.gate, measurement: 1, at: '2026-11-21T10:05:00.000Z', evaluations: [] });
    }
    const r = rounds();
    const approvals = { store: r.wrap('approvals', { getLedger: () => Promise.resolve(undefined) }), signer: undefined, publicBaseUrl: undefined, appSetting: () => undefined } as unknown as ApprovalWiring;
    const deps: RunDetailDeps = {
      config: parsed.value,
      history: r.wrap('history', history),
      releases: r.wrap('releases', new InMemoryReleaseStore()),
      gates: r.wrap('gates', gates),
      evidence: r.wrap('evidence', evidence),
      audit: r.wrap('audit', new InMemoryAuditLog()),
      clock: { nowIso: () => '2026-11-21T12:00:00.000Z' },
      approvals,
    };
    const detail = await r.drive(getRunDetail(deps, 'fleet-a', RUN));
    expect(detail?.gates.map((g) => g.evidence.length)).toEqual([1, 1, 1]);
    const inRound = (k: number): string[] => r.calls.filter(([round]) => round === k).map(([, call]) => call).sort();
    expect(inRound(0)).toEqual(['audit.listAuditEvents', 'gates.listRunGates', 'history.getRun', 'releases.getRunRecord']);
    expect(inRound(1)).toEqual([...Array(3).fill('approvals.getLedger'), ...Array(3).fill('evidence.listEvidence')]);
    expect(Math.max(...r.calls.map(([round]) => round))).toBe(1);
  });
});
