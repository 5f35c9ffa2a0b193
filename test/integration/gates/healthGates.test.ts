import { afterEach, describe, expect, it } from 'vitest';
import { armRequests, control } from '../../support/emulatorControl';
import { clusterId, driveTimer, FLEET, startGateWorld, startRun, type GateWorld } from './gateWorld';

let world: GateWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const patchesOf = async (w: GateWorld): Promise<number> => (await armRequests(w.emulator, '/gates/')).filter((r) => r.method === 'PATCH' && r.status < 300).length;

describe('health-gated stages against the emulator and Azurite', () => {
  it('healthy path: the managed strategy is applied, each gate passes after its checks and is completed, the run completes', async () => {
    world = await startGateWorld();
    await world.services.reconcileAllFleets(world.log); // applies the strategy with conductor:stage-health gates
    const strategy = await world.fleet.getUpdateStrategy(FLEET, 'conductor');
    expect(strategy?.map((s) => [s.name, s.afterGates?.map((g) => g.displayName)])).toEqual([
      ['dev', ['conductor:stage-health']],
      ['canary', ['conductor:stage-health']],
      ['prod', []],
    ]);
    await startRun(world);
    expect(await driveTimer(world, 'k8s-1-33-2')).toBe('Completed');

    expect(await patchesOf(world)).toBe(2);
    const stored = await world.gates.listRunGates(FLEET, 'k8s-1-33-2');
    expect(stored.map((g) => [g.gate.stage, g.phase.name])).toEqual(
      expect.arrayContaining([
        ['dev', 'Passed'],
        ['canary', 'Passed'],
      ]),
    );
    const canary = stored.find((g) => g.gate.stage === 'canary')!;
    expect(canary.clusters.map((c) => c.clusterId.toLowerCase())).toEqual([clusterId('aks-canary-1').toLowerCase()]);
    const evidence = await world.evidence.listEvidence({ fleetId: FLEET, runName: 'k8s-1-33-2', gateId: canary.gate.gateId });
    expect(evidence.map((e) => e.evaluations.map((x) => [x.checkName, x.outcome]))).toEqual([
      [['nodes', 'Successful'], ['pods', 'Successful'], ['telemetry', 'Successful']],
      [['nodes', 'Successful'], ['pods', 'Successful'], ['telemetry', 'Successful']],
    ]);
    const trail = await world.audit.listAuditEvents(FLEET, 'k8s-1-33-2');
    expect(trail.filter((e) => e.gateId === canary.gate.gateId).map((e) => [(e.data as { to: string }).to, (e.data as { reason: string }).reason])).toEqual([
      ['Soaking', 'SoakStarted'],
      ['Checking', 'SoakElapsed'],
      ['Checking', 'MeasurementRecorded'],
      ['Checking', 'MeasurementRecorded'],
      ['Approving', 'ChecksPassed'],
      ['Passed', 'FleetGateCompleted'],
    ]);
  });

  it('a stage-2 cluster gets NotReady nodes after its upgrade: the gate fails, the run is stopped, the evidence names the cluster', async () => {
    world = await startGateWorld({ healthRules: [{ cluster: 'aks-canary-1', afterUpgradeTo: '1.33.2', delaySeconds: 0, set: { notReadyNodes: 2 } }] });
    await world.services.reconcileAllFleets(world.log);
    await startRun(world);
    const state = await driveTimer(world, 'k8s-1-33-2', (s) => s === 'Stopped' || s === 'Completed' || s === 'Failed');
    expect(state).toBe('Stopped');

    const stored = await world.gates.listRunGates(FLEET, 'k8s-1-33-2');
    const canary = stored.find((g) => g.gate.stage === 'canary')!;
    expect(canary.phase.name).toBe('Failed');
    const fleetGate = await world.fleet.getGate(FLEET, canary.gate.gateId);
    expect(fleetGate?.state).toBe('Pending'); // never completed
    expect(await patchesOf(world)).toBe(1); // only the dev gate
    const [measurement] = await world.evidence.listEvidence({ fleetId: FLEET, runName: 'k8s-1-33-2', gateId: canary.gate.gateId });
    const nodes = measurement!.evaluations.find((e) => e.checkName === 'nodes')!;
    expect(nodes.outcome).toBe('Failed');
    expect(nodes.perCluster).toEqual([{ clusterId: expect.stringMatching(/aks-canary-1$/i), value: 2, outcome: 'Failed', reason: 'ThresholdViolated' }]);
    expect(JSON.stringify(nodes.evidence.rows)).toMatch(/aks-canary-1/i);
    expect(nodes.evidence.query).toContain('KubeNodeInventory');
    // prod never started
    const run = await world.fleet.getUpdateRun(FLEET, 'k8s-1-33-2');
    expect(run?.status.stages?.[2]?.groups?.[0]?.members?.map((m) => m.status?.state)).toEqual(['NotStarted', 'NotStarted']);
    // the failure was notified through the outbox to the webhook
    const hooks = await control<{ value: { path: string; body: { reason?: string } }[] }>(world.emulator, 'GET', '/_emulator/webhooks');
    expect(hooks.value.some((h) => h.body.reason === 'CheckFailed')).toBe(true);
  });

  it('Log Analytics failing: the gate never passes, becomes Inconclusive after the error limit, and is held with the reason', async () => {
    world = await startGateWorld();
    await world.services.reconcileAllFleets(world.log);
    await startRun(world);
    await control(world.emulator, 'POST', '/_emulator/faults', { service: 'logs', status: 503, times: 1000 });
    await driveTimer(world, 'k8s-1-33-2', () => false, 40);
    const stored = await world.gates.listRunGates(FLEET, 'k8s-1-33-2');
    expect(stored.map((g) => [g.gate.stage, g.phase.name])).toEqual([['dev', 'Inconclusive']]);
    expect(stored[0]!.history.at(-1)?.reason).toBe('ConsecutiveErrorLimitExceeded');
    expect(await patchesOf(world)).toBe(0);
    expect((await world.fleet.getUpdateRun(FLEET, 'k8s-1-33-2'))?.state).toBe('Pending');
  });

  it.each([
    { name: 'without metrics-flowing, no data is Inconclusive and held', checks: [{ name: 'nodes', type: 'nodes-ready' }, { name: 'pods', type: 'pods-healthy' }], phase: 'Inconclusive', reason: 'InconclusiveLimitExceeded' },
    { name: 'with metrics-flowing, a silent cluster fails the gate', checks: undefined, phase: 'Failed', reason: 'CheckFailed' },
  ])('the monitoring agent stops after the upgrade: $name; the gate is never completed', async ({ checks, phase, reason }) => {
    // Soak longer than the checks' lookback, so the last samples the agent sent (mid-upgrade) are out of the window.
    world = await startGateWorld({
      healthRules: [{ cluster: 'aks-dev-1', afterUpgradeTo: '1.33.2', delaySeconds: 0, set: { metricsFlowing: false } }],
      analysis: { initialDelaySeconds: 900 },
      ...(checks ? { checks } : {}),
    });
    await world.services.reconcileAllFleets(world.log);
    await startRun(world);
    await driveTimer(world, 'k8s-1-33-2', () => false, 45);
    const [dev] = await world.gates.listRunGates(FLEET, 'k8s-1-33-2');
    expect(dev?.phase.name).toBe(phase);
    expect(dev?.history.at(-1)?.reason).toBe(reason);
    expect(await patchesOf(world)).toBe(0);
  });
});
