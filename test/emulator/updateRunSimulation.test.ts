import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/startEmulator';
import { advance, armRaw, control, fleetClient, fleetPath, startTestEmulator, type Json } from './emulatorTestKit';
import { threeStageScenario } from './scenarioFixtures';

const PREVIEW = '2026-03-02-preview';
const FLEET = fleetPath('rg1', 'fleet-1');
const STRATEGY_ID = `${FLEET}/updateStrategies/staged`;

let emu: RunningEmulator;
afterEach(() => emu?.stop());

async function setup(overrides: Record<string, unknown> = {}) {
  emu = await startTestEmulator(threeStageScenario(overrides));
  const client = fleetClient(emu);
  const raw = (method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE', p: string, body?: unknown) => armRaw(client, emu, method, `${FLEET}${p}${p.includes('?') ? '&' : '?'}api-version=${PREVIEW}`, body);
  const createRun = async (name: string, properties: Record<string, unknown>) => {
    const res = await raw('PUT', `/updateRuns/${name}`, { properties });
    expect(res.status).toBe(201);
    return res.body;
  };
  const run = async (name: string) => (await raw('GET', `/updateRuns/${name}`)).body;
  return { client, raw, createRun, run };
}

/** The state of every node of a run's status tree, as a compact comparable object. */
function states(run: Json) {
  const st = run.properties.status;
  return {
    run: st.status.state,
    stages: st.stages.map((s: Json) => ({
      [s.name]: s.status.state,
      wait: s.afterStageWaitStatus?.status.state,
      before: s.beforeGates.map((g: Json) => g.status.state),
      after: s.afterGates.map((g: Json) => g.status.state),
      groups: Object.fromEntries(s.groups.map((g: Json) => [g.name, [g.status.state, ...g.members.map((m: Json) => `${m.name}:${m.status.state}`)]])),
    })),
  };
}

const full = (version: string) => ({ upgrade: { type: 'Full', kubernetesVersion: version }, nodeImageSelection: { type: 'Latest' } });

describe('update run simulation', () => {
  it('drives a 3-stage run with an after-stage gate and a concurrent wait to completion', async () => {
    const { client, raw, createRun, run } = await setup();
    await createRun('run-1', { updateStrategyId: STRATEGY_ID, managedClusterUpdate: full('1.33.2') });
    await client.updateRuns.start('rg1', 'fleet-1', 'run-1');
    expect(states(await run('run-1')).stages[0]).toEqual({ dev: 'Running', wait: 'NotStarted', before: [], after: [], groups: { dev: ['Running', 'dev-1:Running'] } });

    await advance(emu, 600); // dev-1 upgraded; the 300 s after-stage wait starts
    expect(states(await run('run-1')).stages[0]).toEqual({ dev: 'Running', wait: 'Running', before: [], after: [], groups: { dev: ['Completed', 'dev-1:Completed'] } });
    await advance(emu, 300);
    await advance(emu, 600); // canary upgraded: after-gate created and after-stage wait running together
    let current = await run('run-1');
    expect(states(current)).toEqual({
      run: 'Pending',
      stages: [
        { dev: 'Completed', wait: 'Completed', before: [], after: [], groups: { dev: ['Completed', 'dev-1:Completed'] } },
        { canary: 'Pending', wait: 'Running', before: [], after: ['Pending'], groups: { canary: ['Completed', 'canary-1:Completed'] } },
        { prod: 'NotStarted', wait: undefined, before: [], after: [], groups: { 'prod-us': ['NotStarted', 'prod-us-1:NotStarted', 'prod-us-2:NotStarted'], 'prod-eu': ['NotStarted', 'prod-eu-1:NotStarted'], 'prod-apac': ['NotStarted', 'prod-apac-1:NotStarted'] } },
      ],
    });
    const gateId: string = current.properties.status.stages[1].afterGates[0].gateId;
    expect(gateId).toMatch(new RegExp(`^${FLEET}/gates/[0-9a-f-]{36}$`));
    const pending = await raw('GET', `/gates?$filter=${encodeURIComponent('state eq Pending')}`);
    expect(pending.body.value).toHaveLength(1);
    expect(pending.body.value[0]).toMatchObject({
      id: gateId,
      type: 'Microsoft.ContainerService/fleets/gates',
      properties: {
        provisioningState: 'Succeeded', displayName: 'conductor:canary-health', gateType: 'Approval', state: 'Pending',
        target: { id: `${FLEET}/updateRuns/run-1`, updateRunProperties: { name: 'run-1', stage: 'canary', timing: 'After' } },
      },
    });
    expect(pending.body.value[0].properties.target.updateRunProperties.group).toBeUndefined();

    await advance(emu, 600); // the wait ends; the gate still holds the stage
    expect(states(await run('run-1')).stages[1]).toMatchObject({ canary: 'Pending', wait: 'Completed', after: ['Pending'] });

    const gateName = gateId.split('/').at(-1);
    const approved = await raw('PATCH', `/gates/${gateName}`, { properties: { state: 'Completed' } });
    expect(approved.status).toBe(200);
    expect(approved.body.properties.state).toBe('Completed');
    expect((await raw('GET', `/gates?$filter=${encodeURIComponent("state eq 'Pending'")}`)).body.value).toEqual([]);
    current = await run('run-1');
    expect(states(current).stages[2]).toEqual({
      prod: 'Running', wait: undefined, before: [], after: [],
      groups: { 'prod-us': ['Running', 'prod-us-1:Running', 'prod-us-2:NotStarted'], 'prod-eu': ['Running', 'prod-eu-1:Running'], 'prod-apac': ['Running', 'prod-apac-1:Running'] },
    });

    await advance(emu, 600); // groups in parallel finish; prod-us-2 is already past the target → Skipped
    current = await run('run-1');
    expect(states(current)).toMatchObject({ run: 'Completed' });
    expect(states(current).stages[2].groups['prod-us']).toEqual(['Completed', 'prod-us-1:Completed', 'prod-us-2:Skipped']);
    const skipped = current.properties.status.stages[2].groups[0].members[1];
    expect(skipped.message).toContain('already at or ahead of target');
    expect(current.properties.status.status.completedTime).toBe('2026-11-21T08:45:00.000Z');

    const state = (await control(emu, 'GET', '/state')).body;
    expect(state.clusters.filter((c: Json) => c.kubernetesVersion === '1.33.2').map((c: Json) => c.name).sort()).toEqual(
      ['aks-canary-1', 'aks-dev-1', 'aks-prod-apac-1', 'aks-prod-eu-1', 'aks-prod-us-1'],
    );
    const gateEvents = (await control(emu, 'GET', '/eventgrid/events')).body.value.filter((e: Json) => e.eventType.includes('FleetGate'));
    expect(gateEvents.map((e: Json) => e.eventType)).toEqual([
      'Microsoft.ResourceNotifications.AksResources.FleetGateCreated',
      'Microsoft.ResourceNotifications.AksResources.FleetGateUpdated',
    ]);
  });

  it('fails group, stage and run when a member upgrade fails, and can be started again from Failed', async () => {
    const scenario = threeStageScenario();
    const fleet = (scenario.fleets as Json[])[0];
    fleet.members[1].cluster.failUpgrade = { toVersion: '1.33.2', code: 'UpgradeFailed', message: 'drain timed out' };
    const { client, createRun, run } = await setup({ fleets: [fleet] });
    await createRun('run-fail', { updateStrategyId: STRATEGY_ID, managedClusterUpdate: full('1.33.2') });
    await client.updateRuns.start('rg1', 'fleet-1', 'run-fail');
    await advance(emu, 600 + 300 + 600);
    const current = await run('run-fail');
    expect(states(current)).toMatchObject({
      run: 'Failed',
      stages: [{ dev: 'Completed' }, { canary: 'Failed', groups: { canary: ['Failed', 'canary-1:Failed'] } }, { prod: 'NotStarted' }],
    });
    const member = current.properties.status.stages[1].groups[0].members[0];
    expect(member.status.error).toEqual({ code: 'UpgradeFailed', message: 'drain timed out' });
    expect(current.properties.status.status.error.code).toBe('UpgradeFailed');
    const nodePoolEvents = (await control(emu, 'GET', '/eventgrid/events')).body.value.filter((e: Json) => e.subject === 'aks-canary-1');
    expect(nodePoolEvents.map((e: Json) => e.eventType)).toEqual(['Microsoft.ContainerService.NodePoolRollingStarted', 'Microsoft.ContainerService.NodePoolRollingFailed']);

    const restarted = await client.updateRuns.start('rg1', 'fleet-1', 'run-fail');
    expect(restarted.properties?.status?.status?.state).toBe('Running');
    expect(states(await run('run-fail')).stages[1]).toMatchObject({ canary: 'Running', groups: { canary: ['Running', 'canary-1:Running'] } });
  });

  it('a member failure while another member is upgrading: Stopping until the in-flight member finishes, then Failed; nothing new starts', async () => {
    // Fleet docs, concepts-update-orchestration: "Stopping: A user request or cluster upgrade failures triggered the
    // Update Run to stop. Updating clusters are finishing."
    const scenario = threeStageScenario();
    const fleet = (scenario.fleets as Json[])[0];
    const prodUs1 = fleet.members.find((m: Json) => m.name === 'prod-us-1');
    prodUs1.cluster.failUpgrade = { toVersion: '1.33.4', code: 'UpgradeFailed', message: 'drain timed out' };
    prodUs1.cluster.upgradeMinutes = 5;
    fleet.members.push({ name: 'prod-us-3', group: 'prod-us', cluster: { name: 'aks-prod-us-3', location: 'eastus', upgradeMinutes: 20 } });
    fleet.members.push({ name: 'prod-us-4', group: 'prod-us', cluster: { name: 'aks-prod-us-4', location: 'eastus' } });
    const { client, createRun, run } = await setup({ fleets: [fleet] });
    await createRun('run-stopping', { strategy: { stages: [{ name: 's', groups: [{ name: 'prod-us', maxConcurrency: '2' }] }] }, managedClusterUpdate: full('1.33.4') });
    await client.updateRuns.start('rg1', 'fleet-1', 'run-stopping');
    const members = (r: Json): string[] => r.properties.status.stages[0].groups[0].members.map((m: Json) => `${m.name}:${m.status.state}`);
    // prod-us-2 is at target already (skipped); prod-us-1 and prod-us-3 upgrade together
    expect(members(await run('run-stopping'))).toEqual(['prod-us-1:Running', 'prod-us-2:Skipped', 'prod-us-3:Running', 'prod-us-4:NotStarted']);
    await advance(emu, 6 * 60); // prod-us-1 failed; prod-us-3 still upgrading
    let current = await run('run-stopping');
    expect(current.properties.status.status.state).toBe('Stopping');
    expect(members(current)).toEqual(['prod-us-1:Failed', 'prod-us-2:Skipped', 'prod-us-3:Running', 'prod-us-4:NotStarted']);
    await advance(emu, 15 * 60); // prod-us-3 finished; prod-us-4 never started
    current = await run('run-stopping');
    expect(current.properties.status.status.state).toBe('Failed');
    expect(current.properties.status.status.error.code).toBe('UpgradeFailed');
    expect(members(current)).toEqual(['prod-us-1:Failed', 'prod-us-2:Skipped', 'prod-us-3:Completed', 'prod-us-4:NotStarted']);
    // a failed run cannot be stopped
    await expect(client.updateRuns.stop('rg1', 'fleet-1', 'run-stopping')).rejects.toMatchObject({ statusCode: 409 });
  });

  it('leaves a member Pending when the target is not in its region, and resumes when the release reaches it', async () => {
    const { client, createRun, run } = await setup();
    await createRun('run-region', {
      strategy: { stages: [{ name: 'prod', groups: [{ name: 'prod-apac' }, { name: 'prod-eu' }] }] },
      managedClusterUpdate: full('1.33.4'),
    });
    await client.updateRuns.start('rg1', 'fleet-1', 'run-region');
    await advance(emu, 600);
    let current = await run('run-region');
    expect(states(current)).toEqual({
      run: 'Pending',
      stages: [{ prod: 'Pending', wait: undefined, before: [], after: [], groups: { 'prod-apac': ['Pending', 'prod-apac-1:Pending'], 'prod-eu': ['Completed', 'prod-eu-1:Completed'] } }],
    });
    const apac = current.properties.status.stages[0].groups[0].members[0];
    expect(apac.status.error.code).toBe('KubernetesVersionNotAvailable');
    expect(apac.message).toBe('set member: prod-apac-1 to Pending due to failed validation err: target upgrade kubernetes version "1.33.4" is not available in region "australiaeast" \n');

    const released = await control(emu, 'POST', '/releases', { version: '1.33.4', regions: ['australiaeast'] });
    expect(released.body).toEqual({ version: '1.33.4', released: ['australiaeast'], scheduled: {} });
    expect(states(await run('run-region')).stages[0].groups['prod-apac']).toEqual(['Running', 'prod-apac-1:Running']);
    await advance(emu, 600);
    current = await run('run-region');
    expect(states(current).run).toBe('Completed');
  });

  it('stops mid-stage: in-flight upgrades finish (Stopping → Stopped), then the run can be started again', async () => {
    const { client, createRun, run } = await setup();
    await createRun('run-stop', { strategy: { stages: [{ name: 'prod', groups: [{ name: 'prod-us' }] }] }, managedClusterUpdate: full('1.33.2') });
    await client.updateRuns.start('rg1', 'fleet-1', 'run-stop');
    await advance(emu, 120);
    const stopping = await client.updateRuns.stop('rg1', 'fleet-1', 'run-stop');
    expect(stopping.properties?.status?.status?.state).toBe('Stopping');
    expect(states(await run('run-stop')).stages[0].groups['prod-us']).toEqual(['Running', 'prod-us-1:Running', 'prod-us-2:NotStarted']);
    await advance(emu, 480);
    let current = await run('run-stop');
    expect(states(current)).toEqual({
      run: 'Stopped',
      stages: [{ prod: 'Stopped', wait: undefined, before: [], after: [], groups: { 'prod-us': ['Stopped', 'prod-us-1:Completed', 'prod-us-2:NotStarted'] } }],
    });
    await expect(client.updateRuns.stop('rg1', 'fleet-1', 'run-stop')).rejects.toMatchObject({ statusCode: 409, code: 'OperationNotAllowed' });
    await client.updateRuns.start('rg1', 'fleet-1', 'run-stop');
    current = await run('run-stop');
    expect(states(current).run).toBe('Completed');
    expect(states(current).stages[0].groups['prod-us']).toEqual(['Completed', 'prod-us-1:Completed', 'prod-us-2:Skipped']);
  });

  it('skips a member, a group, a stage and an after-stage wait', async () => {
    const { client, createRun, run } = await setup();
    await createRun('run-skip', { updateStrategyId: STRATEGY_ID, managedClusterUpdate: full('1.33.4') });
    const skipped = await client.updateRuns.skip('rg1', 'fleet-1', 'run-skip', {
      targets: [{ type: 'Stage', name: 'canary' }, { type: 'Member', name: 'prod-apac-1' }, { type: 'Group', name: 'prod-eu' }],
    });
    expect(skipped.properties?.status?.status?.state).toBe('NotStarted');
    await client.updateRuns.start('rg1', 'fleet-1', 'run-skip');
    await advance(emu, 600);
    await client.updateRuns.skip('rg1', 'fleet-1', 'run-skip', { targets: [{ type: 'AfterStageWait', name: 'dev' }] });
    let current = await run('run-skip');
    expect(states(current).stages.slice(0, 2)).toEqual([
      { dev: 'Completed', wait: 'Skipped', before: [], after: [], groups: { dev: ['Completed', 'dev-1:Completed'] } },
      { canary: 'Skipped', wait: 'Skipped', before: [], after: ['Skipped'], groups: { canary: ['Skipped', 'canary-1:Skipped'] } },
    ]);
    await advance(emu, 1200);
    current = await run('run-skip');
    expect(states(current).stages[2]).toEqual({
      prod: 'Completed', wait: undefined, before: [], after: [],
      groups: { 'prod-us': ['Completed', 'prod-us-1:Completed', 'prod-us-2:Skipped'], 'prod-eu': ['Skipped', 'prod-eu-1:Skipped'], 'prod-apac': ['Skipped', 'prod-apac-1:Skipped'] },
    });
    expect(states(current).run).toBe('Completed');
    await expect(client.updateRuns.skip('rg1', 'fleet-1', 'run-skip', { targets: [{ type: 'Member', name: 'nobody' }] })).rejects.toMatchObject({ statusCode: 409 });
  });

  it('fails a member that another running run is upgrading (our answer to open question 1)', async () => {
    const { client, createRun, run } = await setup();
    const body = { strategy: { stages: [{ name: 's', groups: [{ name: 'dev' }] }] }, managedClusterUpdate: full('1.33.2') };
    await createRun('run-a', body);
    await createRun('run-b', body);
    await client.updateRuns.start('rg1', 'fleet-1', 'run-a');
    await client.updateRuns.start('rg1', 'fleet-1', 'run-b');
    const b = await run('run-b');
    expect(states(b)).toMatchObject({ run: 'Failed', stages: [{ groups: { dev: ['Failed', 'dev-1:Failed'] } }] });
    expect(b.properties.status.stages[0].groups[0].members[0].status.error.code).toBe('OperationNotAllowed');
    await advance(emu, 600);
    expect(states(await run('run-a')).run).toBe('Completed');
    // Once the other upgrade is over, re-starting the failed run finds the member at target and skips it;
    // a run whose stages are all Skipped is itself Skipped.
    await client.updateRuns.start('rg1', 'fleet-1', 'run-b');
    expect(states(await run('run-b'))).toMatchObject({ run: 'Skipped', stages: [{ groups: { dev: ['Skipped', 'dev-1:Skipped'] } }] });
  });

  it('honours group maxConcurrency and the implicit one-by-one sequence', async () => {
    const { client, createRun, run } = await setup();
    await createRun('run-mc', { strategy: { stages: [{ name: 's', groups: [{ name: 'prod-us', maxConcurrency: '2' }] }] }, managedClusterUpdate: full('1.33.4') });
    await client.updateRuns.start('rg1', 'fleet-1', 'run-mc');
    const mc = await run('run-mc');
    expect(states(mc).stages[0].groups['prod-us']).toEqual(['Running', 'prod-us-1:Running', 'prod-us-2:Skipped']);
    expect(mc.properties.status.stages[0].groups[0].maxConcurrency).toBe(2);

    await createRun('run-all', { managedClusterUpdate: full('1.33.2') });
    const all = await run('run-all');
    expect(all.properties.strategy).toBeUndefined();
    expect(all.properties.status.stages).toHaveLength(1);
    expect(all.properties.status.stages[0].groups[0].members.map((m: Json) => m.name)).toEqual(['canary-1', 'dev-1', 'prod-apac-1', 'prod-eu-1', 'prod-us-1', 'prod-us-2']);
  });
});

describe('node images', () => {
  it('NodeImageOnly with Consistent selection picks the newest image every member region has, fixed at start', async () => {
    const { client, createRun, run } = await setup({ nodeImages: [{ version: '202611.14.0', regions: { eastus: 0, westeurope: 0 } }] });
    await createRun('img', {
      strategy: { stages: [{ name: 's', groups: [{ name: 'prod-us' }, { name: 'prod-apac' }] }] },
      managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Consistent' } },
    });
    await client.updateRuns.start('rg1', 'fleet-1', 'img');
    const started = await run('img');
    // australiaeast still has only 202611.01.0, which every pool already runs: nothing to do there or anywhere.
    expect(started.properties.status.nodeImageSelection).toEqual({ selectedNodeImageVersions: [{ version: 'AKSUbuntu-2204gen2containerd-202611.01.0' }] });
    expect(states(started)).toMatchObject({ run: 'Skipped' });

    await createRun('img-latest', { strategy: { stages: [{ name: 's', groups: [{ name: 'prod-us' }, { name: 'prod-apac' }] }] }, managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Latest' } } });
    await client.updateRuns.start('rg1', 'fleet-1', 'img-latest');
    expect(states(await run('img-latest')).stages[0].groups).toEqual({ 'prod-us': ['Running', 'prod-us-1:Running', 'prod-us-2:NotStarted'], 'prod-apac': ['Skipped', 'prod-apac-1:Skipped'] });
    await advance(emu, 1200);
    expect(states(await run('img-latest'))).toMatchObject({ run: 'Completed' });
    const state = (await control(emu, 'GET', '/state')).body;
    expect(state.clusters.filter((c: Json) => c.nodeImageVersion.endsWith('202611.14.0')).map((c: Json) => c.name).sort()).toEqual(['aks-prod-us-1', 'aks-prod-us-2']);
  });
});
