import { afterEach, describe, expect, it } from 'vitest';
import { createReleaseDeps } from '../../../src/app/releases/createReleaseDeps';
import { handleAksEvent } from '../../../src/app/releases/handleAksEvent';
import { pollReleases } from '../../../src/app/releases/pollReleases';
import type { ReleaseDeps } from '../../../src/app/releases/releaseDeps';
import { PENDING_LEASE_SECONDS, REQUEST_CONFIRM_SECONDS } from '../../../src/app/releases/pendingRequests';
import type { FleetApi } from '../../../src/ports';
import { advanceClock, armRequests, control } from '../../support/emulatorControl';
import { FLEET, newVersionEvent, startReleaseWorld, type ReleaseTestWorld } from './releaseWorld';

/**
 * Issue 14, release path (AKS event → evaluation → run): with Fleet answering the strategy PUT and generateUpdateRun
 * asynchronously and the app's production poll interval (2 s), no evaluation waits on a long-running operation.
 * Counted, not timed: every GET of an operation URL is in the emulator's request log, and there must be none. The
 * request is recorded on the claim, and the next evaluation (tick or event) confirms it from Fleet's state and starts
 * exactly one run.
 */
const PRODUCTION_ARM = { ARM_POLL_INTERVAL_IN_MS: '2000' };


describe('release path with asynchronous ARM answers: requested, then confirmed by the next evaluation', () => {
  let world: ReleaseTestWorld;
  afterEach(() => world.stop());

  const operationGets = async (): Promise<number> =>
    (await armRequests(world.emulator, '/operation')).filter((r) => r.method === 'GET' && /\/operation(Statuses|Results)\//.test(r.path)).length;
  const requests = async (pathContains: string, method: string): Promise<number[]> =>
    (await armRequests(world.emulator, pathContains)).filter((r) => r.method === method).map((r) => r.status);
  const runsInFleet = async (): Promise<string[]> => (await world.fleet.listRunSnapshots(FLEET, 'fleet-rel', '')).map((r) => r.runName);
  const outcomeOf = (result: unknown): unknown => (result as { fleets: { outcome: unknown }[] }).fleets[0]?.outcome;
  const goAsync = async (): Promise<void> => {
    await control(world.emulator, 'POST', '/_emulator/lro', { style: 'async' });
    await advanceClock(world.emulator, 7300); // 1.33.4 is in every region
    await control(world.emulator, 'DELETE', '/_emulator/requests');
  };

  it('explicit mode: the strategy PUT is accepted (201 + operation), no run is created until the tick reads it back Succeeded; duplicates add nothing', async () => {
    world = await startReleaseWorld({ channel: 'rapid' }, {}, false, { skipStrategy: true, settings: PRODUCTION_ARM });
    await goAsync();

    const first = await world.services.handleAksEvent(newVersionEvent('evt-1', '1.33.4', '2026-11-21T10:05:00Z'), world.log);
    expect(first).toMatchObject({ kind: 'evaluated', fleets: [{ outcome: { kind: 'requested', awaiting: 'strategy', runName: 'k8s-1-33-4' } }] });
    expect(await requests('/updateStrategies/', 'PUT')).toEqual([201]);
    expect(await operationGets()).toBe(0);
    expect(await world.runWrites()).toEqual([]);
    const [claim] = await world.store.listRunRecords(FLEET);
    expect(claim).toMatchObject({ state: 'Claimed', pending: { kind: 'strategy', attempt: 1 } });
    expect((await world.store.getEvaluation(FLEET))?.reasons.map((r) => r.code)).toEqual(['RequestPending']);

    // A duplicate delivery to the same instance while the request is pending: nothing more is sent.
    await world.services.handleAksEvent(newVersionEvent('evt-1', '1.33.4', '2026-11-21T10:05:00Z'), world.log);
    expect(await requests('/updateStrategies/', 'PUT')).toEqual([201]);
    expect(await world.runWrites()).toEqual([]);

    // The tick confirms the strategy (one read: Succeeded, as configured), creates and starts the run.
    expect(outcomeOf(await world.services.pollReleases(world.log))).toMatchObject({ kind: 'runStarted', runName: 'k8s-1-33-4', created: true, rule: 'ConfirmAcceptedRequest' });
    expect((await world.runWrites()).map((r) => [r.method, r.status])).toEqual([
      ['PUT', 201],
      ['POST', 202],
    ]);
    expect(await operationGets()).toBe(0);

    // Later duplicates, on this instance and on another one: still one run, one strategy write.
    await advanceClock(world.emulator, 120);
    await world.services.handleAksEvent(newVersionEvent('evt-1', '1.33.4', '2026-11-21T10:05:00Z'), world.log);
    await world.restart().handleAksEvent(newVersionEvent('evt-1', '1.33.4', '2026-11-21T10:05:00Z'), world.log);
    await world.restart().pollReleases(world.log);
    expect(await runsInFleet()).toEqual(['k8s-1-33-4']);
    expect(await requests('/updateStrategies/', 'PUT')).toEqual([201]);
    expect((await world.runWrites()).map((r) => r.method)).toEqual(['PUT', 'POST']);
    expect(await operationGets()).toBe(0);
    const [record] = await world.store.listRunRecords(FLEET);
    expect(record?.state).toBe('Started');
    expect(record?.pending).toBeUndefined();
    expect((await world.audit.listAuditEvents(FLEET, 'k8s-1-33-4')).map((e) => e.kind).sort()).toEqual(['RequestAccepted', 'RunCreated', 'RunStarted', 'StrategyConfirmed']);
  });

  it('profile mode: generateUpdateRun answered 202 is not followed; the tick finds the generated run on the profile and starts it, once', async () => {
    world = await startReleaseWorld({ mode: 'profile', autoUpgradeProfile: 'conductor-auto', channel: 'rapid' }, { profile: 'conductor-auto' }, false, { settings: PRODUCTION_ARM });
    await goAsync();

    const first = await world.services.handleAksEvent(newVersionEvent('evt-1', '1.33.4', '2026-11-21T10:05:00Z'), world.log);
    expect(first).toMatchObject({ kind: 'evaluated', fleets: [{ outcome: { kind: 'requested', awaiting: 'run' } }] });
    expect(await requests('/generateUpdateRun', 'POST')).toEqual([202]);
    expect(await requests('/updateStrategies/', 'PUT')).toEqual([]); // the strategy was already as configured
    expect(await operationGets()).toBe(0);
    expect((await world.runWrites()).filter((r) => r.path.endsWith('/start'))).toEqual([]);
    expect((await world.store.listRunRecords(FLEET))[0]).toMatchObject({ state: 'Claimed', pending: { kind: 'generate', attempt: 1 } });

    await world.services.handleAksEvent(newVersionEvent('evt-1', '1.33.4', '2026-11-21T10:05:00Z'), world.log); // duplicate while pending
    expect(await requests('/generateUpdateRun', 'POST')).toEqual([202]);

    expect(outcomeOf(await world.services.pollReleases(world.log))).toMatchObject({ kind: 'runStarted', runName: 'conductor-auto-1-33-4', rule: 'ConfirmAcceptedRequest' });
    await advanceClock(world.emulator, 120);
    await world.restart().handleAksEvent(newVersionEvent('evt-1', '1.33.4', '2026-11-21T10:05:00Z'), world.log);
    await world.restart().pollReleases(world.log);
    expect(await runsInFleet()).toEqual(['conductor-auto-1-33-4']);
    expect(await requests('/generateUpdateRun', 'POST')).toEqual([202]);
    expect(await requests('/conductor-auto-1-33-4/start', 'POST')).toEqual([202]);
    expect(await operationGets()).toBe(0);
    const [record] = await world.store.listRunRecords(FLEET);
    expect(record).toMatchObject({ runName: 'conductor-auto-1-33-4', state: 'Started' });
    expect(record?.pending).toBeUndefined();
  });

  it(`profile mode: a generated run that never shows up is reported after ${REQUEST_CONFIRM_SECONDS} s and generated again by rule, never silently`, async () => {
    world = await startReleaseWorld({ mode: 'profile', autoUpgradeProfile: 'conductor-auto', channel: 'rapid' }, { profile: 'conductor-auto' }, false, { settings: PRODUCTION_ARM });
    await goAsync();
    expect(outcomeOf(await world.services.pollReleases(world.log))).toMatchObject({ kind: 'requested', awaiting: 'run' });
    // The accepted operation produced nothing Conductor can see (here: the run is gone from Fleet's list).
    await world.fleetClient.updateRuns.delete('rg-fleet', 'fleet-rel', 'conductor-auto-1-33-4', { updateIntervalInMs: 1 });
    await control(world.emulator, 'DELETE', '/_emulator/requests');

    await advanceClock(world.emulator, 60);
    expect(outcomeOf(await world.services.pollReleases(world.log))).toMatchObject({ kind: 'requested', awaiting: 'run' });
    expect(await requests('/generateUpdateRun', 'POST')).toEqual([]); // within the bound: waits, sends nothing

    await advanceClock(world.emulator, REQUEST_CONFIRM_SECONDS);
    // Two instances evaluate the overdue request at once: one takes it and sends the retry, the other stands back.
    const both = await Promise.all([world.services.pollReleases(world.log), world.restart().pollReleases(world.log)]);
    expect(both.map((summary) => (outcomeOf(summary) as { kind?: string } | undefined)?.kind).sort()).toEqual(['alreadyHandled', 'requested']);
    expect(await requests('/generateUpdateRun', 'POST')).toEqual([202]); // the explicit retry, once
    const claim = (await world.store.listRunRecords(FLEET))[0];
    expect(claim?.pending).toMatchObject({ kind: 'generate', attempt: 2 });
    const reported = (await world.audit.listAuditEvents(FLEET, claim?.runName ?? '')).filter((e) => e.kind === 'RequestUnconfirmed');
    expect(reported.map((e) => e.data?.attempt)).toEqual([1]);
    const due = await world.adapters.outbox.listDue('2099-01-01T00:00:00Z', 100);
    expect(due.filter((m) => m.payload.reason === 'RequestUnconfirmed')).toHaveLength(1);

    // Within the lease of the evaluation that sent the retry, nobody else touches it; after it, the run is confirmed.
    expect(outcomeOf(await world.services.pollReleases(world.log))).toMatchObject({ kind: 'alreadyHandled' });
    await advanceClock(world.emulator, PENDING_LEASE_SECONDS);
    expect(outcomeOf(await world.services.pollReleases(world.log))).toMatchObject({ kind: 'runStarted', runName: 'conductor-auto-1-33-4' });
    expect(await runsInFleet()).toEqual(['conductor-auto-1-33-4']);
    expect(await requests('/generateUpdateRun', 'POST')).toEqual([202]);
    expect(await operationGets()).toBe(0);
  });

  it('a strategy write Fleet keeps Updating: duplicates on other instances send nothing; past the bound it is reported and written again; run only once Succeeded', async () => {
    world = await startReleaseWorld({ channel: 'rapid' }, {}, false, { skipStrategy: true, settings: PRODUCTION_ARM });
    await goAsync();
    // Fleet shows the accepted write still running (provisioningState Updating, as ARM's asynchronous PUT contract has
    // it while the operation runs) for as long as the test says; everything else is the emulator's.
    let updating = true;
    const real = world.adapters.fleet;
    const fleet: FleetApi = Object.assign(Object.create(real) as FleetApi, {
      getUpdateStrategyState: async (fleetId: string, name: string) => {
        const state = await real.getUpdateStrategyState(fleetId, name);
        return state && updating ? { ...state, provisioningState: 'Updating' } : state;
      },
    });
    const a = world.adapters;
    // Each call is a fresh instance (no coalescing window, no shared reads): duplicates delivered across the app's instances.
    const instance = (): ReleaseDeps => ({
      ...createReleaseDeps({ config: a.conductor, source: a.source, runs: a.runs, fleet, releases: a.releases, history: a.history, audit: a.audit, outbox: a.outbox, gates: a.gates, clock: { nowIso: () => world.emulator.control.sim.nowIso() } }),
      log: world.log,
    });

    expect(outcomeOf(await handleAksEvent(instance(), newVersionEvent('evt-1', '1.33.4', '2026-11-21T10:05:00Z')))).toMatchObject({ kind: 'requested', awaiting: 'strategy' });
    // The first duplicate takes the pending request (its lease) and finds the write still running; the others, within
    // the lease, leave it to that evaluation.
    expect(outcomeOf(await handleAksEvent(instance(), newVersionEvent('evt-1', '1.33.4', '2026-11-21T10:05:00Z')))).toMatchObject({ kind: 'requested', awaiting: 'strategy' });
    for (let i = 0; i < 2; i++) expect(outcomeOf(await handleAksEvent(instance(), newVersionEvent('evt-1', '1.33.4', '2026-11-21T10:05:00Z')))).toMatchObject({ kind: 'alreadyHandled' });
    expect(outcomeOf(await pollReleases(instance()))).toMatchObject({ kind: 'alreadyHandled' });
    expect(await requests('/updateStrategies/', 'PUT')).toEqual([201]);
    expect(await world.runWrites()).toEqual([]);

    await advanceClock(world.emulator, REQUEST_CONFIRM_SECONDS);
    expect(outcomeOf(await pollReleases(instance()))).toMatchObject({ kind: 'requested', awaiting: 'strategy' });
    expect(await requests('/updateStrategies/', 'PUT')).toEqual([201, 200]); // written again, by rule
    const [claim] = await world.store.listRunRecords(FLEET);
    expect(claim?.pending).toMatchObject({ kind: 'strategy', attempt: 2 });
    expect((await world.audit.listAuditEvents(FLEET, 'k8s-1-33-4')).filter((e) => e.kind === 'RequestUnconfirmed')).toHaveLength(1);
    expect(await world.runWrites()).toEqual([]);

    updating = false; // Fleet finished the write
    expect(outcomeOf(await pollReleases(instance()))).toMatchObject({ kind: 'alreadyHandled' }); // within the last evaluation's lease
    await advanceClock(world.emulator, PENDING_LEASE_SECONDS);
    expect(outcomeOf(await pollReleases(instance()))).toMatchObject({ kind: 'runStarted', runName: 'k8s-1-33-4', rule: 'ConfirmAcceptedRequest' });
    await pollReleases(instance());
    expect(await runsInFleet()).toEqual(['k8s-1-33-4']);
    expect((await world.runWrites()).map((r) => r.method)).toEqual(['PUT', 'POST']);
    expect(await operationGets()).toBe(0);
  });

  it('a strategy write Fleet keeps showing Failed: written again on each evaluation, and reported once the first write is past the bound', async () => {
    world = await startReleaseWorld({ channel: 'rapid' }, {}, false, { skipStrategy: true, settings: PRODUCTION_ARM });
    await goAsync();
    const real = world.adapters.fleet;
    const fleet: FleetApi = Object.assign(Object.create(real) as FleetApi, {
      getUpdateStrategyState: async (fleetId: string, name: string) => {
        const state = await real.getUpdateStrategyState(fleetId, name);
        return state ? { ...state, provisioningState: 'Failed' } : state;
      },
    });
    const a = world.adapters;
    const deps = (): ReleaseDeps => ({
      ...createReleaseDeps({ config: a.conductor, source: a.source, runs: a.runs, fleet, releases: a.releases, history: a.history, audit: a.audit, outbox: a.outbox, gates: a.gates, clock: { nowIso: () => world.emulator.control.sim.nowIso() } }),
      log: world.log,
    });
    const unconfirmed = async (): Promise<number> => (await world.audit.listAuditEvents(FLEET, 'k8s-1-33-4')).filter((e) => e.kind === 'RequestUnconfirmed').length;
    expect(outcomeOf(await handleAksEvent(deps(), newVersionEvent('evt-1', '1.33.4', '2026-11-21T10:05:00Z')))).toMatchObject({ kind: 'requested', awaiting: 'strategy' });
    for (let t = PENDING_LEASE_SECONDS; t < REQUEST_CONFIRM_SECONDS; t += PENDING_LEASE_SECONDS) {
      await advanceClock(world.emulator, PENDING_LEASE_SECONDS);
      expect(outcomeOf(await pollReleases(deps()))).toMatchObject({ kind: 'requested', awaiting: 'strategy' });
    }
    expect(await unconfirmed()).toBe(0);
    await advanceClock(world.emulator, PENDING_LEASE_SECONDS);
    await pollReleases(deps());
    // The first write is past the bound: reported (and on the alert channel), then written again.
    expect(await unconfirmed()).toBe(1);
    expect(await world.runWrites()).toEqual([]);
  });

  it('profile mode: a trigger that crashed right after Fleet accepted generateUpdateRun: the run is found and started once the claim is stale, never generated again', async () => {
    world = await startReleaseWorld({ mode: 'profile', autoUpgradeProfile: 'conductor-auto', channel: 'rapid' }, { profile: 'conductor-auto' }, false, { settings: PRODUCTION_ARM });
    await goAsync();
    const a = world.adapters;
    const clock = { nowIso: () => world.emulator.control.sim.nowIso() };
    // The instance dies as the 202 comes back: Fleet accepted the request, nothing of it is recorded.
    const crashing: typeof a.runs = Object.assign(Object.create(a.runs) as typeof a.runs, {
      generateUpdateRun: async (fleetId: string, profile: string) => {
        await a.runs.generateUpdateRun(fleetId, profile);
        throw new Error('instance crashed');
      },
    });
    const deps = (runs: typeof a.runs): ReleaseDeps => ({
      ...createReleaseDeps({ config: a.conductor, source: a.source, runs, fleet: a.fleet, releases: a.releases, history: a.history, audit: a.audit, outbox: a.outbox, gates: a.gates, clock }),
      log: world.log,
    });
    expect((await pollReleases(deps(crashing))).fleets[0]?.error).toMatch(/instance crashed/);
    expect((await world.store.listRunRecords(FLEET))[0]).toMatchObject({ state: 'Claimed' });
    expect((await world.store.listRunRecords(FLEET))[0]?.pending).toBeUndefined();

    expect(outcomeOf(await world.services.pollReleases(world.log))).toMatchObject({ kind: 'noRun' }); // fresh claim: its trigger may still be at work
    await advanceClock(world.emulator, 120);
    expect(outcomeOf(await world.restart().pollReleases(world.log))).toMatchObject({ kind: 'runStarted', runName: 'conductor-auto-1-33-4', rule: 'TakeOverStaleClaim' });
    await world.restart().pollReleases(world.log);
    expect(await runsInFleet()).toEqual(['conductor-auto-1-33-4']);
    expect(await requests('/generateUpdateRun', 'POST')).toEqual([202]);
    expect(await requests('/conductor-auto-1-33-4/start', 'POST')).toEqual([202]);
    expect(await operationGets()).toBe(0);
  });

  it('profile mode: a stale claim with a generated run left behind, whose takeover waits on a strategy write: the run is adopted, never generated beside it', async () => {
    world = await startReleaseWorld({ mode: 'profile', autoUpgradeProfile: 'conductor-auto', channel: 'rapid' }, { profile: 'conductor-auto' }, false, { settings: PRODUCTION_ARM });
    await goAsync();
    const a = world.adapters;
    const clock = { nowIso: () => world.emulator.control.sim.nowIso() };
    let updating = false;
    const fleet: FleetApi = Object.assign(Object.create(a.fleet) as FleetApi, {
      getUpdateStrategyState: async (fleetId: string, name: string) => {
        const state = await a.fleet.getUpdateStrategyState(fleetId, name);
        return state && updating ? { ...state, provisioningState: 'Updating' } : state;
      },
    });
    const crashing: typeof a.runs = Object.assign(Object.create(a.runs) as typeof a.runs, {
      generateUpdateRun: async (fleetId: string, profile: string) => {
        await a.runs.generateUpdateRun(fleetId, profile);
        throw new Error('instance crashed');
      },
    });
    const deps = (runs: typeof a.runs): ReleaseDeps => ({
      ...createReleaseDeps({ config: a.conductor, source: a.source, runs, fleet, releases: a.releases, history: a.history, audit: a.audit, outbox: a.outbox, gates: a.gates, clock }),
      log: world.log,
    });
    expect((await pollReleases(deps(crashing))).fleets[0]?.error).toMatch(/instance crashed/);
    await advanceClock(world.emulator, 120);
    // The takeover finds the strategy being written (someone changed it): it waits for that write first.
    updating = true;
    expect(outcomeOf(await pollReleases(deps(a.runs)))).toMatchObject({ kind: 'requested', awaiting: 'strategy' });
    updating = false;
    await advanceClock(world.emulator, PENDING_LEASE_SECONDS);
    // Confirming the strategy, the evaluation looks for the run the crashed trigger generated before generating.
    expect(outcomeOf(await pollReleases(deps(a.runs)))).toMatchObject({ kind: 'runStarted', runName: 'conductor-auto-1-33-4', rule: 'ConfirmAcceptedRequest' });
    expect(await runsInFleet()).toEqual(['conductor-auto-1-33-4']);
    expect(await requests('/generateUpdateRun', 'POST')).toEqual([202]);
  });

  it('generateUpdateRun answering 204 (2026-06-02-preview): recorded as "no run generated", no error, nothing created', async () => {
    // The profile's Stable channel targets 1.32.7, which every member runs: Fleet has nothing to generate, while the
    // policy (rapid) wants 1.33.4.
    world = await startReleaseWorld({ mode: 'profile', autoUpgradeProfile: 'conductor-auto', channel: 'rapid' }, { profile: 'conductor-auto', profileChannel: 'Stable' }, false, {
      settings: { FLEET_API_VERSION: '2026-06-02-preview' },
    });
    await advanceClock(world.emulator, 7300);
    await control(world.emulator, 'DELETE', '/_emulator/requests');

    const summary = await world.services.pollReleases(world.log);
    expect(summary.fleets[0]?.error).toBeUndefined();
    expect(outcomeOf(summary)).toMatchObject({ kind: 'noRun', outcome: 'noRunGenerated', reasons: [{ code: 'NoRunGenerated', version: '1.33.4' }] });
    expect(await requests('/generateUpdateRun', 'POST')).toEqual([204]);
    const evaluation = await world.store.getEvaluation(FLEET);
    expect(evaluation).toMatchObject({ outcome: 'noRunGenerated', target: { kind: 'kubernetes', version: '1.33.4' } });
    const [claim] = await world.store.listRunRecords(FLEET);
    expect(claim).toMatchObject({ state: 'Claimed' });
    expect(claim?.pending).toBeUndefined();

    // The next evaluation inside the takeover delay sends nothing; nothing was ever created or started.
    expect(outcomeOf(await world.services.pollReleases(world.log))).toMatchObject({ kind: 'alreadyHandled' });
    expect(await requests('/generateUpdateRun', 'POST')).toEqual([204]);
    // Once the claim is stale it is taken over like any other: asked again, 204 again, still nothing created, and
    // the trail keeps one entry for the claim.
    await advanceClock(world.emulator, 120);
    expect(outcomeOf(await world.restart().pollReleases(world.log))).toMatchObject({ kind: 'noRun', outcome: 'noRunGenerated' });
    expect(await requests('/generateUpdateRun', 'POST')).toEqual([204, 204]);
    expect(await runsInFleet()).toEqual([]);
    expect(await world.runWrites()).toEqual([]);
    expect((await world.audit.listAuditEvents(FLEET, claim?.runName ?? '')).map((e) => e.kind)).toEqual(['NoRunGenerated']);
  });
});
