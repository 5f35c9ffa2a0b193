import { afterEach, describe, expect, it } from 'vitest';
import { driveTimer, FLEET, startGateWorld, startRun, type GateWorld } from './gateWorld';

let world: GateWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

/** The dev member's upgrade completion time, as the run status reports it. */
async function devCompletedAt(w: GateWorld): Promise<string> {
  const run = await w.fleet.getUpdateRun(FLEET, 'k8s-1-33-2');
  const completed = run?.status.stages?.[0]?.groups?.[0]?.members?.[0]?.status?.completedTime;
  if (!completed) throw new Error('the dev member has no completedTime');
  return new Date(completed).toISOString();
}

describe('measurement windows start when the gated clusters finished upgrading (seeded ingestion delay 20 s – 3 min)', () => {
  it('metrics stop right after the upgrade: the gate never passes on the rows from before, it is held for no data', async () => {
    // Soak (4 min) shorter than the checks' lookback (5 min): an uncut window would still hold the agent's last
    // rows from the upgrade and pass on them.
    world = await startGateWorld({
      healthRules: [{ cluster: 'aks-dev-1', afterUpgradeTo: '1.33.2', delaySeconds: 0, set: { metricsFlowing: false } }],
      checks: [{ name: 'nodes', type: 'nodes-ready' }, { name: 'pods', type: 'pods-healthy' }],
    });
    await world.services.reconcileAllFleets(world.log);
    await startRun(world);
    await driveTimer(world, 'k8s-1-33-2', () => false, 30);
    const [dev] = await world.gates.listRunGates(FLEET, 'k8s-1-33-2');
    expect(dev?.phase.name).toBe('Inconclusive');
    expect(dev?.history.at(-1)?.reason).toBe('InconclusiveLimitExceeded');
    const upgraded = await devCompletedAt(world);
    const evidence = await world.evidence.listEvidence({ fleetId: FLEET, runName: 'k8s-1-33-2', gateId: dev!.gate.gateId });
    const evaluations = evidence.flatMap((e) => e.evaluations);
    expect(evaluations.length).toBeGreaterThan(0);
    expect(evaluations.map((e) => [e.checkName, e.outcome, e.evidence.rows.length])).toEqual(evaluations.map((e) => [e.checkName, 'Inconclusive', 0]));
    for (const e of evaluations) expect(e.evidence.window.start >= upgraded).toBe(true);
    expect((await world.fleet.getUpdateRun(FLEET, 'k8s-1-33-2'))?.state).toBe('Pending');
  });

  it('a node NotReady during the upgrade, Ready after it: samples from the upgrade do not fail the gate, which passes', async () => {
    world = await startGateWorld({
      healthRules: [
        { cluster: 'aks-dev-1', atSeconds: 1, set: { notReadyNodes: 1 } },
        { cluster: 'aks-dev-1', afterUpgradeTo: '1.33.2', delaySeconds: 0, set: { notReadyNodes: 0 } },
      ],
      // Measure at once and tolerate the first, empty windows (rows take up to 3 minutes to arrive).
      analysis: { initialDelaySeconds: 0, count: 1, inconclusiveLimit: 5 },
      checks: [{ name: 'nodes', type: 'nodes-ready' }],
    });
    await world.services.reconcileAllFleets(world.log);
    await startRun(world);
    await driveTimer(world, 'k8s-1-33-2', (s) => s === 'Completed' || s === 'Stopped' || s === 'Failed', 60);
    const gates = await world.gates.listRunGates(FLEET, 'k8s-1-33-2');
    const dev = gates.find((g) => g.gate.stage === 'dev')!;
    expect(dev.phase.name).toBe('Passed');
    const upgraded = await devCompletedAt(world);
    const evaluations = (await world.evidence.listEvidence({ fleetId: FLEET, runName: 'k8s-1-33-2', gateId: dev.gate.gateId })).flatMap((e) => e.evaluations);
    expect(evaluations.some((e) => e.outcome === 'Failed')).toBe(false);
    expect(evaluations.map((e) => e.outcome)).toContain('Successful');
    for (const e of evaluations) expect(e.evidence.window.start >= upgraded).toBe(true);
  });
});
