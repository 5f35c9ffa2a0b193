import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock, armRequests, control } from '../../support/emulatorControl';
import { FLEET, startReleaseWorld, type ReleaseTestWorld } from './releaseWorld';

let world: ReleaseTestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const runsOf = async (w: ReleaseTestWorld): Promise<string[]> => (await w.fleet.listRunSnapshots(FLEET, 'fleet-rel', '')).map((r) => r.runName);

describe('release detection against the emulator', () => {
  it('a version in 2 of 3 regions gets no run, with the reason recorded; in the third, exactly one run, started', async () => {
    world = await startReleaseWorld();
    await advanceClock(world.emulator, 3700); // 1.33.4 in eastus and westeurope only
    expect((await world.services.pollReleases(world.log)).fleets[0]?.outcome).toMatchObject({ kind: 'noRun', outcome: 'wait' });
    const waiting = await world.store.getEvaluation(FLEET);
    expect(waiting?.outcome).toBe('wait');
    expect(waiting?.reasons.map((r) => r.code)).toContain('NotInAllRegions');
    expect(JSON.stringify(waiting?.reasons)).toContain('australiaeast');
    expect(await runsOf(world)).toEqual([]);
    expect(await world.runWrites()).toEqual([]);

    await advanceClock(world.emulator, 3600); // now in australiaeast too
    expect((await world.services.pollReleases(world.log)).fleets[0]?.outcome).toEqual({ kind: 'runStarted', runName: 'k8s-1-33-4', created: true, rule: 'NewRelease' });
    expect(await runsOf(world)).toEqual(['k8s-1-33-4']);
    expect((await world.fleet.getUpdateRun(FLEET, 'k8s-1-33-4'))?.state).not.toBe('NotStarted');
    expect((await world.runWrites()).map((r) => r.method)).toEqual(['PUT', 'POST']);
    // a second tick changes nothing: the run is active
    await world.services.pollReleases(world.log);
    expect(await world.runWrites()).toHaveLength(2);
    const [record] = await world.store.listRunRecords(FLEET);
    expect(record).toMatchObject({ runName: 'k8s-1-33-4', state: 'Started', trigger: { kind: 'poll' }, createdBy: 'fleet-conductor' });
    const trail = await world.audit.listAuditEvents(FLEET, 'k8s-1-33-4');
    expect(trail.map((e) => e.kind)).toEqual(['RunCreated', 'RunStarted']);
  });

  it('a trigger that died after Fleet created the run (claim left Claimed, run NotStarted): the run is started once the claim is stale (rule TakeOverStaleClaim)', async () => {
    world = await startReleaseWorld();
    await advanceClock(world.emulator, 7300); // 1.33.4 in every region
    const now = world.emulator.control.sim.nowIso();
    // What the dead trigger left: its claim, and the run it created in Fleet (never started, never recorded).
    const { claimed } = await world.store.claimRun({
      fleetId: FLEET, target: { kind: 'kubernetes', version: '1.33.4' }, runName: 'k8s-1-33-4', mode: 'explicit', state: 'Claimed',
      trigger: { kind: 'poll', eventIds: [] }, explanation: [], createdAt: now, createdBy: 'fleet-conductor', attempt: 1,
    });
    expect(claimed).toBe(true);
    await world.fleetClient.updateRuns.createOrUpdate('rg-fleet', 'fleet-rel', 'k8s-1-33-4', {
      properties: {
        updateStrategyId: `${FLEET}/updateStrategies/conductor`,
        managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.4' }, nodeImageSelection: { type: 'Latest' } },
      },
    });
    const before = (await world.runWrites()).length;
    // A fresh claim belongs to its trigger: nothing starts.
    await world.services.pollReleases(world.log);
    expect((await world.fleet.getUpdateRun(FLEET, 'k8s-1-33-4'))?.state).toBe('NotStarted');
    await advanceClock(world.emulator, 121);
    expect((await world.services.pollReleases(world.log)).fleets[0]?.outcome).toEqual({ kind: 'runStarted', runName: 'k8s-1-33-4', created: false, rule: 'TakeOverStaleClaim' });
    expect((await world.fleet.getUpdateRun(FLEET, 'k8s-1-33-4'))?.state).not.toBe('NotStarted');
    // One start (the create was a no-op: If-None-Match), and nothing more on the next tick.
    expect((await world.runWrites()).slice(before).map((r) => `${r.method} ${r.status}`)).toEqual(['PUT 412', 'POST 200']);
    await world.services.pollReleases(world.log);
    expect((await world.runWrites()).length).toBe(before + 2);
    expect(await runsOf(world)).toEqual(['k8s-1-33-4']);
    expect((await world.store.listRunRecords(FLEET))[0]).toMatchObject({ state: 'Started' });
    expect((await world.audit.listAuditEvents(FLEET, 'k8s-1-33-4')).map((e) => `${e.kind} ${String((e.data as { rule?: string }).rule)}`)).toEqual(['RunCreated TakeOverStaleClaim', 'RunStarted TakeOverStaleClaim']);
  });

  it('a deny window suppresses creation; on reopen only the newest eligible version gets a run', async () => {
    // Virtual time starts 2026-11-21T08:00Z; deny until 12:00Z. 1.33.4 lands everywhere by 10:00, 1.33.5 at 11:00.
    world = await startReleaseWorld({ channel: 'rapid', windows: [{ type: 'dates', effect: 'deny', timeZone: 'UTC', from: '2026-11-21T00:00', to: '2026-11-21T12:00', name: 'freeze' }] });
    await advanceClock(world.emulator, 7300);
    await control(world.emulator, 'POST', '/_emulator/releases', { version: '1.33.5' });
    await advanceClock(world.emulator, 3600);
    expect((await world.services.pollReleases(world.log)).fleets[0]?.outcome).toMatchObject({ kind: 'noRun', outcome: 'wait' });
    expect((await world.store.getEvaluation(FLEET))?.reasons.map((r) => r.code)).toContain('DenyWindow');
    expect(await runsOf(world)).toEqual([]);
    await advanceClock(world.emulator, 3600); // 12:00 and later: the window has closed
    expect((await world.services.pollReleases(world.log)).fleets[0]?.outcome).toMatchObject({ kind: 'runStarted', runName: 'k8s-1-33-5' });
    expect(await runsOf(world)).toEqual(['k8s-1-33-5']);
  });

  it('a member skipped in a completed run is caught up by the next tick (rule CatchUpCompletedRun); a stopped run is not', async () => {
    world = await startReleaseWorld();
    await advanceClock(world.emulator, 7300);
    await world.services.pollReleases(world.log);
    expect(await world.services.skipRunTargets('fleet-rel', 'k8s-1-33-4', [{ type: 'Member', name: 'prod-1' }], { name: 'ops@contoso.com', reason: 'prod freeze this week' })).toMatchObject({ kind: 'done' });
    await advanceClock(world.emulator, 1800);
    expect((await world.fleet.getUpdateRun(FLEET, 'k8s-1-33-4'))?.state).toBe('Completed');
    // the reconcile timer's tick records the completion in run history (whose index of unfinished runs the poll reads)
    await world.services.reconcileAllFleets(world.log);
    // the next tick: prod is still below 1.33.4 and the run for it completed cleanly → a catch-up run, not a restart
    expect((await world.services.pollReleases(world.log)).fleets[0]?.outcome).toMatchObject({ kind: 'runStarted', runName: 'k8s-1-33-4-r2', rule: 'CatchUpCompletedRun' });
    await advanceClock(world.emulator, 1800);
    expect((await world.fleet.getUpdateRun(FLEET, 'k8s-1-33-4-r2'))?.state).toBe('Completed');
    const state = await control<{ clusters: { name: string; kubernetesVersion: string }[] }>(world.emulator, 'GET', '/_emulator/state');
    expect(state.clusters.map((c) => c.kubernetesVersion)).toEqual(['1.33.4', '1.33.4', '1.33.4']);
    expect((await world.services.pollReleases(world.log)).fleets[0]?.outcome).toMatchObject({ kind: 'noRun', outcome: 'upToDate' });
    expect(await runsOf(world)).toEqual(['k8s-1-33-4', 'k8s-1-33-4-r2']);
    const trail = await world.audit.listAuditEvents(FLEET, 'k8s-1-33-4-r2');
    expect(trail.map((e) => [e.kind, e.data?.rule])).toEqual([
      ['RunCreated', 'CatchUpCompletedRun'],
      ['RunStarted', 'CatchUpCompletedRun'],
    ]);
  });

  it('profile mode: generateUpdateRun on the Fleet auto-upgrade profile, then start; still one run', async () => {
    world = await startReleaseWorld({ mode: 'profile', autoUpgradeProfile: 'conductor-auto', channel: 'rapid' }, { profile: 'conductor-auto' });
    await advanceClock(world.emulator, 7300);
    const outcome = (await world.services.pollReleases(world.log)).fleets[0]?.outcome;
    expect(outcome).toMatchObject({ kind: 'runStarted' });
    const runs = await world.fleet.listRunSnapshots(FLEET, 'fleet-rel', '');
    expect(runs).toHaveLength(1);
    expect(runs[0]?.state).not.toBe('NotStarted');
    const writes = (await armRequests(world.emulator)).filter((r) => r.method !== 'GET' && /generateUpdateRun|\/updateRuns\//.test(r.path));
    expect(writes.map((r) => `${r.method} ${r.path.split('/').slice(-2).join('/')}`)).toEqual([
      'POST conductor-auto/generateUpdateRun',
      `POST ${runs[0]?.runName}/start`,
    ]);
    await world.services.pollReleases(world.log);
    expect(await world.fleet.listRunSnapshots(FLEET, 'fleet-rel', '')).toHaveLength(1);
  });

  it('warns, in the fleet trail and the evaluation, about a member that keeps its own AKS auto-upgrade on', async () => {
    world = await startReleaseWorld({ channel: 'rapid' }, { prodAutoUpgradeChannel: 'rapid' });
    await world.services.pollReleases(world.log);
    await world.services.pollReleases(world.log);
    const evaluation = await world.store.getEvaluation(FLEET);
    expect(evaluation?.warnings.map((w) => [w.code, w.member])).toEqual([['MemberAutoUpgradeOn', 'prod-1']]);
    const trail = await world.audit.listAuditEvents(FLEET, '_fleet');
    expect(trail.map((e) => e.kind)).toEqual(['MemberAutoUpgradeOn']);
  });

  it('creates the managed strategy itself when the release poll comes before any reconcile (no 404 on the run PUT)', async () => {
    world = await startReleaseWorld({ channel: 'rapid' }, {}, false, { skipStrategy: true });
    expect(await world.fleet.getUpdateStrategy(FLEET, 'conductor')).toBeUndefined();
    await advanceClock(world.emulator, 7300);
    expect((await world.services.pollReleases(world.log)).fleets[0]).toMatchObject({ outcome: { kind: 'runStarted', runName: 'k8s-1-33-4' } });
    expect((await world.fleet.getUpdateStrategy(FLEET, 'conductor'))?.map((st) => st.name)).toEqual(['dev', 'canary', 'prod']);
  });
});
