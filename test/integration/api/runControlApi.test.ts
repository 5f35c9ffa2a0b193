import { afterEach, describe, expect, it } from 'vitest';
import type { HttpHandler } from '@azure/functions';
import { FunctionHost, DEVHOST_PRINCIPAL_HEADER } from '../../../devhost/FunctionHost';
import type { RegisteredFunction } from '../../../devhost/functionsCoreShim';
import type { Services } from '../../../src/composition';
import { createStopRunHandler } from '../../../src/functions/stopRun';
import { createResumeRunHandler } from '../../../src/functions/resumeRun';
import { createAbandonRunHandler } from '../../../src/functions/abandonRun';
import { createSkipRunTargetsHandler } from '../../../src/functions/skipRunTargets';
import { createRetryGateHandler } from '../../../src/functions/retryGate';
import { createOverrideGateHandler } from '../../../src/functions/overrideGate';
import { createPauseFleetHandler } from '../../../src/functions/pauseFleet';
import { createUnpauseFleetHandler } from '../../../src/functions/unpauseFleet';
import { createGetFleetHandler } from '../../../src/functions/getFleet';
import { createGetFleetPlanHandler } from '../../../src/functions/getFleetPlan';
import { advanceClock, armRequests, control } from '../../support/emulatorControl';
import { FLEET, startReleaseWorld, type ReleaseTestWorld } from '../releases/releaseWorld';

// Operator actions end to end: the local host serves the real handlers, Conductor talks to the emulator and Azurite,
// virtual time moves only when the test says so. Counts come from the emulator's request log.

const KEY = 'test-function-key';
const RUN = 'k8s-1-33-4';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const OPS = { [DEVHOST_PRINCIPAL_HEADER]: Buffer.from(JSON.stringify({ name: 'ops@contoso.com', objectId: 'oid-ops', roles: ['Conductor.Operator'] })).toString('base64') };
const VIEWER = { [DEVHOST_PRINCIPAL_HEADER]: Buffer.from(JSON.stringify({ name: 'viewer@contoso.com', objectId: 'oid-viewer', roles: ['Conductor.Viewer'] })).toString('base64') };

function http(name: string, route: string, method: string, make: (s: () => Services) => HttpHandler, services: () => Services): RegisteredFunction {
  return { name, bindings: { trigger: { type: 'httpTrigger', direction: 'in', route, methods: [method], authLevel: 'function' } }, handler: make(services) as RegisteredFunction['handler'] };
}

interface Api {
  world: ReleaseTestWorld;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Json }>;
  get(path: string): Promise<Json>;
  close(): Promise<void>;
}

let api: Api | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function start(scenario: Parameters<typeof startReleaseWorld>[1] = {}, setup: Parameters<typeof startReleaseWorld>[3] = {}): Promise<Api> {
  const world = await startReleaseWorld({ channel: 'rapid' }, scenario, true, setup);
  const s = (): Services => world.services;
  const host = new FunctionHost({
    functions: [
      http('stopRun', 'runs/{fleet}/{run}/stop', 'POST', createStopRunHandler, s),
      http('resumeRun', 'runs/{fleet}/{run}/resume', 'POST', createResumeRunHandler, s),
      http('abandonRun', 'runs/{fleet}/{run}/abandon', 'POST', createAbandonRunHandler, s),
      http('skipRunTargets', 'runs/{fleet}/{run}/skip', 'POST', createSkipRunTargetsHandler, s),
      http('retryGate', 'runs/{fleet}/{run}/gates/{gateId}/retry', 'POST', createRetryGateHandler, s),
      http('overrideGate', 'runs/{fleet}/{run}/gates/{gateId}/override', 'POST', createOverrideGateHandler, s),
      http('pauseFleet', 'fleets/{fleet}/pause', 'POST', createPauseFleetHandler, s),
      http('unpauseFleet', 'fleets/{fleet}/unpause', 'POST', createUnpauseFleetHandler, s),
      http('getFleet', 'fleets/{fleet}', 'GET', createGetFleetHandler, s),
      http('getFleetPlan', 'fleets/{fleet}/plan', 'GET', createGetFleetPlanHandler, s),
    ],
    settings: {},
    timers: false,
    keys: { master: 'master-key', functions: { default: KEY } },
    allowPrincipalOverride: true,
    log: () => undefined,
  });
  const url = await host.listen(0);
  return {
    world,
    post: async (path, body, headers = OPS) => {
      const res = await fetch(`${url}/api/${path}?code=${KEY}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    },
    get: async (path) => (await fetch(`${url}/api/${path}?code=${KEY}`)).json(),
    close: async () => {
      await host.close();
      await world.stop();
    },
  };
}

const runState = async (w: ReleaseTestWorld, name = RUN): Promise<string> => (await w.fleet.getUpdateRun(FLEET, name))?.state ?? 'missing';
/** Fleet writes to update runs and gates (creations, starts, stops, skips, gate completions): what an action may send. */
const fleetWrites = async (w: ReleaseTestWorld): Promise<string[]> =>
  (await armRequests(w.emulator)).filter((r) => r.method !== 'GET' && /\/(updateRuns|gates)\//.test(r.path)).map((r) => `${r.method} ${r.path.split('/fleets/fleet-rel/')[1] ?? r.path}`);
const starts = async (w: ReleaseTestWorld): Promise<string[]> => (await fleetWrites(w)).filter((r) => r.endsWith('/start'));

async function reconcileUntil(w: ReleaseTestWorld, done: (state: string) => boolean, maxMinutes = 90): Promise<string> {
  let state = await runState(w);
  for (let minute = 0; minute < maxMinutes && !done(state); minute++) {
    await advanceClock(w.emulator, 60);
    await w.services.reconcileAllFleets(w.log);
    state = await runState(w);
  }
  return state;
}

async function releaseAndStart(w: ReleaseTestWorld): Promise<void> {
  await advanceClock(w.emulator, 7300);
  expect((await w.services.pollReleases(w.log)).fleets[0]?.outcome).toMatchObject({ kind: 'runStarted', runName: RUN });
}

/** Two release poll ticks five minutes apart: the run must stay as it is. */
async function twoPolls(w: ReleaseTestWorld): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await advanceClock(w.emulator, 300);
    expect((await w.services.pollReleases(w.log)).fleets[0]?.outcome).toMatchObject({ kind: 'held', runName: RUN });
  }
}

const alerts = (w: ReleaseTestWorld): string[] => w.log.lines.filter((l) => l.includes('[notifications]') && l.includes(`Run ${RUN} is held`));

describe('operator actions end to end', () => {
  it('a gate fails → run stopped → two polls: still stopped, fleet blocked on that gate, one alert → the cluster heals → resume → checks run again and pass → run completes', async () => {
    api = await start();
    const w = api.world;
    await control(w.emulator, 'POST', '/_emulator/clusters/aks-dev-1/health', { notReadyNodes: 1 });
    await releaseAndStart(w);
    expect(await reconcileUntil(w, (s) => s === 'Stopped')).toBe('Stopped');
    const [gate] = await w.services.getRunDetail('fleet-rel', RUN).then((d) => d?.gates ?? []);
    expect(gate?.state.phase.name).toBe('Failed');
    const gateId = gate?.state.gate.gateId as string;
    await twoPolls(w);
    await w.services.reconcileAllFleets(w.log); // delivers the alert
    expect(await runState(w)).toBe('Stopped');
    const view = await api.get('fleets/fleet-rel');
    expect(view.blocked).toMatchObject({ run: RUN, gateId, cause: 'GateFailed', actions: ['resume', 'abandon'] });
    expect(view.blocked.why).toMatch(/health gate failed/);
    const plan = await api.get('fleets/fleet-rel/plan');
    expect(plan).toMatchObject({ outcome: 'blocked', runName: RUN });
    expect(plan.reasons[0].message).toMatch(/held since .*a health gate failed.*resume or abandon it/);
    expect(JSON.stringify(plan)).not.toMatch(/already targets/);
    expect(alerts(w)).toHaveLength(1);
    expect(await w.services.getHealth([])).toMatchObject({ status: 'degraded', problems: ['fleet fleet-rel: blocked by a held run (an operator must resume or abandon it)'] });

    // Refusals change nothing: no Fleet write, the record and the gate as they were.
    const before = { writes: await fleetWrites(w), records: await w.store.listRunRecords(FLEET), gate: (await w.services.getRunDetail('fleet-rel', RUN))?.gates };
    const refusals: [string, unknown, Record<string, string>, number][] = [
      [`runs/fleet-rel/${RUN}/resume`, { reason: 'healed' }, {}, 401],
      [`runs/fleet-rel/${RUN}/resume`, { reason: 'healed' }, VIEWER, 403],
      [`runs/fleet-rel/${RUN}/resume`, {}, OPS, 400],
      [`runs/fleet-rel/${RUN}/resume`, { reason: '   ' }, OPS, 400],
      [`runs/fleet-rel/${RUN}/resume`, 'not json', OPS, 400],
      [`runs/fleet-rel/Bad_Run/resume`, { reason: 'x' }, OPS, 400],
      [`runs/fleet-rel/no-such-run/resume`, { reason: 'x' }, OPS, 404],
      [`runs/no-fleet/${RUN}/resume`, { reason: 'x' }, OPS, 404],
      [`runs/fleet-rel/${RUN}/stop`, { reason: 'again' }, OPS, 202], // idempotent on a stopped run: nothing sent
      [`runs/fleet-rel/${RUN}/gates/${gateId}/retry`, { reason: 'x' }, OPS, 409], // run not running
      [`runs/fleet-rel/${RUN}/gates/not-a-guid/retry`, { reason: 'x' }, OPS, 400],
      [`runs/fleet-rel/${RUN}/gates/00000000-0000-4000-8000-000000000000/override`, { reason: 'x' }, OPS, 404],
      [`runs/fleet-rel/${RUN}/skip`, { reason: 'x', targets: [] }, OPS, 400],
      [`runs/fleet-rel/${RUN}/skip`, { reason: 'x', targets: [{ type: 'Member', name: 'dev-1' }] }, OPS, 409], // Fleet skips no targets of a Stopped run
      [`fleets/fleet-rel/unpause`, { reason: 'x' }, OPS, 409],
      [`fleets/fleet-rel/pause`, { reason: 'x', stopActive: 'yes' }, OPS, 400],
    ];
    for (const [path, body, headers, status] of refusals) {
      const res = await api.post(path, body, headers);
      expect({ path, status: res.status }).toEqual({ path, status });
      if (status === 409) expect(res.body.state).toBeTruthy();
      if (status === 400) expect(res.body.errors.length).toBeGreaterThan(0);
    }
    expect(await fleetWrites(w)).toEqual(before.writes);
    expect((await w.store.listRunRecords(FLEET)).map(({ etag: _e, operatorActions: _o, ...r }) => r)).toEqual(before.records.map(({ etag: _e, operatorActions: _o, ...r }) => r));
    expect((await w.services.getRunDetail('fleet-rel', RUN))?.gates).toEqual(before.gate);

    await control(w.emulator, 'POST', '/_emulator/clusters/aks-dev-1/health', { notReadyNodes: 0 });
    const startsBefore = await starts(w);
    const resumed = await api.post(`runs/fleet-rel/${RUN}/resume`, { reason: 'node pool repaired (INC-42)' });
    expect(resumed).toMatchObject({ status: 202, body: { run: RUN, resumedFrom: 'Stopped', rearmedGates: [gateId] } });
    expect((await starts(w)).length).toBe(startsBefore.length + 1);
    expect(await reconcileUntil(w, (s) => s === 'Completed')).toBe('Completed');
    expect((await starts(w)).length).toBe(startsBefore.length + 1); // exactly one start
    const detail = await w.services.getRunDetail('fleet-rel', RUN);
    const rearmed = detail?.gates[0];
    expect(rearmed?.state).toMatchObject({ phase: { name: 'Passed' }, attempt: 2, previousAttempts: [{ attempt: 1, endedPhase: 'Failed', rearmedBy: 'ops@contoso.com', reason: 'node pool repaired (INC-42)' }] });
    expect(rearmed?.evidence.map((e) => [e.measurement, e.evaluations[0]?.outcome])).toEqual([
      [1, 'Failed'],
      [2, 'Successful'],
    ]);
    const trail = await w.audit.listAuditEvents(FLEET, RUN);
    expect(trail.find((e) => e.kind === 'RunResumed')).toMatchObject({ actor: 'ops@contoso.com', data: { reason: 'node pool repaired (INC-42)' } });
    expect((await api.get('fleets/fleet-rel')).blocked).toBeUndefined();
    expect(await w.services.getHealth([])).toMatchObject({ status: 'ok', problems: [] });
    expect((await api.post(`runs/fleet-rel/${RUN}/resume`, { reason: 'again' })).body).toMatchObject({ status: 409, state: 'Completed' });
  });

  it('Reject → run stopped → two polls: still stopped, blocked on the gate, one alert → resume → checks and a new approval request → approved → completes', async () => {
    api = await start({}, { approval: { onReject: 'stop' } });
    const w = api.world;
    const alice = { name: 'alice@contoso.com', objectId: '0b6f3c1e-0000-4000-8000-00000000a11c', groups: [] };
    await releaseAndStart(w);
    const pendingLink = async (): Promise<string | undefined> => (await w.services.getRunDetail('fleet-rel', RUN, { operator: true }))?.approvals.find((a) => a.link !== undefined)?.link;
    for (let minute = 0; minute < 30 && (await pendingLink()) === undefined; minute++) {
      await advanceClock(w.emulator, 60);
      await w.services.reconcileAllFleets(w.log);
    }
    const decide = async (link: string, decision: 'approve' | 'reject', comment: string): Promise<void> => {
      const token = new URL(link).pathname.split('/').pop() ?? '';
      const page = await w.services.getApprovalPage(token, alice, w.log);
      if (page.kind !== 'page') throw new Error(`no approval page: ${page.kind}`);
      expect(await w.services.decideApproval({ token, principal: alice, decision, comment, evidenceVersion: page.view.evidenceVersion, formToken: page.view.formToken }, w.log)).toMatchObject({ kind: 'decided' });
    };
    const first = await pendingLink();
    if (!first) throw new Error('no pending approval');
    // viewers do not get the link
    expect((await w.services.getRunDetail('fleet-rel', RUN))?.approvals.map((a) => a.link)).toEqual([undefined]);
    await decide(first, 'reject', 'error budget burnt');
    expect(await reconcileUntil(w, (s) => s === 'Stopped')).toBe('Stopped');
    const gateId = (await w.services.getRunDetail('fleet-rel', RUN))?.gates[0]?.state.gate.gateId;
    await twoPolls(w);
    await w.services.reconcileAllFleets(w.log);
    expect(await runState(w)).toBe('Stopped');
    expect((await api.get('fleets/fleet-rel')).blocked).toMatchObject({ run: RUN, gateId, cause: 'ApprovalRejected' });
    expect(alerts(w)).toHaveLength(1);
    expect((await w.services.getRunDetail('fleet-rel', RUN))?.approvals).toMatchObject([{ outcome: 'rejected', decisions: [{ by: 'alice@contoso.com', decision: 'reject', comment: 'error budget burnt' }] }]);

    expect(await api.post(`runs/fleet-rel/${RUN}/resume`, { reason: 'error budget reset after fix' })).toMatchObject({ status: 202, body: { rearmedGates: [gateId] } });
    let second: string | undefined;
    for (let minute = 0; minute < 30 && second === undefined; minute++) {
      await advanceClock(w.emulator, 60);
      await w.services.reconcileAllFleets(w.log);
      second = await pendingLink();
    }
    if (!second) throw new Error('no new approval request after resume');
    expect(second).not.toBe(first);
    await decide(second, 'approve', 'fixed');
    expect(await reconcileUntil(w, (s) => s === 'Completed')).toBe('Completed');
    const gate = (await w.services.getRunDetail('fleet-rel', RUN))?.gates[0];
    expect(gate?.state).toMatchObject({ phase: { name: 'Passed' }, attempt: 2, previousAttempts: [{ endedPhase: 'Rejected' }] });
    expect(gate?.evidence.length).toBe(2); // the checks ran again
    expect(await starts(w)).toHaveLength(2);
  });

  it('an operator stop mid-stage: no member starts upgrading after it; the fleet stays held until resume, which finishes the run', async () => {
    api = await start();
    const w = api.world;
    await releaseAndStart(w);
    // dev upgrades (3 min), its gate passes, canary starts
    for (let i = 0; i < 10; i++) {
      const run = await w.fleet.getUpdateRun(FLEET, RUN);
      if (run?.status.stages?.[1]?.groups?.[0]?.members?.[0]?.status?.state === 'Running') break;
      await advanceClock(w.emulator, 60);
      await w.services.reconcileAllFleets(w.log);
    }
    expect((await w.fleet.getUpdateRun(FLEET, RUN))?.status.stages?.[1]?.groups?.[0]?.members?.[0]?.status?.state).toBe('Running');
    expect(await api.post(`runs/fleet-rel/${RUN}/stop`, { reason: 'latency alarm in canary' })).toEqual({ status: 202, body: { fleet: 'fleet-rel', run: RUN, state: 'Stopping' } });
    expect(await reconcileUntil(w, (s) => s === 'Stopped')).toBe('Stopped');
    await twoPolls(w);
    await reconcileUntil(w, () => false, 30); // half an hour of reconcile ticks
    const state = await control<{ clusters: { name: string; kubernetesVersion: string }[] }>(w.emulator, 'GET', '/_emulator/state');
    expect(state.clusters.map((c) => [c.name, c.kubernetesVersion])).toEqual([
      ['aks-dev-1', '1.33.4'],
      ['aks-canary-1', '1.33.4'], // in flight when stopped: AKS finishes it
      ['aks-prod-1', '1.32.7'], // never started
    ]);
    expect((await w.fleet.getUpdateRun(FLEET, RUN))?.status.stages?.[2]?.groups?.[0]?.members?.[0]?.status?.state).toBe('NotStarted');
    expect((await api.get('fleets/fleet-rel')).blocked).toMatchObject({ run: RUN, cause: 'OperatorStopped' });
    const trail = await w.audit.listAuditEvents(FLEET, RUN);
    expect(trail.find((e) => e.kind === 'RunStopRequested')).toMatchObject({ actor: 'ops@contoso.com', data: { reason: 'latency alarm in canary' } });
    expect((await w.store.listRunRecords(FLEET))[0]?.operatorActions).toEqual([{ action: 'stop', at: expect.any(String), by: 'ops@contoso.com', reason: 'latency alarm in canary' }]);

    expect((await api.post(`runs/fleet-rel/${RUN}/resume`, { reason: 'alarm was a false positive' })).status).toBe(202);
    expect(await reconcileUntil(w, (s) => s === 'Completed')).toBe('Completed');
    expect(await starts(w)).toHaveLength(2);
  });

  it('a member failure: Failed, held (MemberFailed), the passed gate untouched; after resume the run continues with its gates intact', async () => {
    api = await start({ failUpgrade: ['canary'] });
    const w = api.world;
    await releaseAndStart(w);
    expect(await reconcileUntil(w, (s) => s === 'Failed')).toBe('Failed');
    const gatesBefore = (await w.services.getRunDetail('fleet-rel', RUN))?.gates.map((g) => g.state);
    expect(gatesBefore?.map((g) => [g.phase.name, g.attempt])).toEqual([['Passed', undefined]]);
    await twoPolls(w);
    expect((await api.get('fleets/fleet-rel')).blocked).toMatchObject({ run: RUN, cause: 'MemberFailed' });
    // the cluster's upgrade problem is fixed (the PodDisruptionBudget relaxed)
    const canary = w.emulator.control.sim.clusterByName('aks-canary-1');
    if (canary) delete canary.failure;
    expect(await api.post(`runs/fleet-rel/${RUN}/resume`, { reason: 'PDB relaxed on canary' })).toMatchObject({ status: 202, body: { resumedFrom: 'Failed', rearmedGates: [] } });
    expect(await reconcileUntil(w, (s) => s === 'Completed')).toBe('Completed');
    expect((await w.services.getRunDetail('fleet-rel', RUN))?.gates.map((g) => g.state)).toEqual(gatesBefore);
    expect(await starts(w)).toHaveLength(2);
  });

  it('a Log Analytics outage longer than the error limit: the gate is held (never passed), then re-measured and decided after recovery', async () => {
    api = await start();
    const w = api.world;
    await control(w.emulator, 'POST', '/_emulator/faults', { service: 'logs', status: 503, times: 1000 });
    await releaseAndStart(w);
    const gatePhase = async (): Promise<string | undefined> => (await w.services.getRunDetail('fleet-rel', RUN))?.gates[0]?.state.phase.name;
    for (let minute = 0; minute < 20 && (await gatePhase()) !== 'Inconclusive'; minute++) {
      await advanceClock(w.emulator, 60);
      await w.services.reconcileAllFleets(w.log);
    }
    expect(await gatePhase()).toBe('Inconclusive');
    const held = (await w.services.getRunDetail('fleet-rel', RUN))?.gates[0]?.state;
    expect(held?.phase).toMatchObject({ recovery: { nextProbeAt: expect.any(String) } });
    expect(held?.checks[0]).toMatchObject({ reason: 'ConsecutiveErrorLimitExceeded', errors: 5, count: 0 });
    expect(await w.services.getHealth([])).toMatchObject({ status: 'degraded', problems: ['fleet fleet-rel: 1 gate(s) held Inconclusive'] });
    // still down through a probe: held again, nothing completed
    await reconcileUntil(w, () => false, 3);
    expect(await gatePhase()).toBe('Inconclusive');
    expect((await fleetWrites(w)).filter((r) => r.startsWith('PATCH'))).toEqual([]);
    await control(w.emulator, 'DELETE', '/_emulator/faults');
    expect(await reconcileUntil(w, (s) => s === 'Completed', 30)).toBe('Completed');
    const passed = (await w.services.getRunDetail('fleet-rel', RUN))?.gates[0];
    expect(passed?.state.phase.name).toBe('Passed');
    expect(passed?.state.recoveryProbes).toBeGreaterThanOrEqual(2);
    expect(passed?.evidence.at(-1)?.evaluations[0]?.outcome).toBe('Successful');
    expect((await fleetWrites(w)).filter((r) => r.startsWith('PATCH'))).toHaveLength(1);
  });

  it('retry re-measures a held gate now; override completes a held gate as Bypassed by the operator', async () => {
    api = await start();
    const w = api.world;
    await control(w.emulator, 'POST', '/_emulator/faults', { service: 'logs', status: 503, times: 1000 });
    await releaseAndStart(w);
    const gate = async () => (await w.services.getRunDetail('fleet-rel', RUN))?.gates[0]?.state;
    for (let minute = 0; minute < 20 && (await gate())?.phase.name !== 'Inconclusive'; minute++) {
      await advanceClock(w.emulator, 60);
      await w.services.reconcileAllFleets(w.log);
    }
    const gateId = (await gate())?.gate.gateId as string;
    expect((await api.post(`runs/fleet-rel/${RUN}/gates/${gateId}/override`, { reason: 'x' }, VIEWER)).status).toBe(403);
    expect((await api.post(`runs/fleet-rel/${RUN}/gates/${gateId}/retry`, {})).status).toBe(400);
    expect((await gate())?.phase.name).toBe('Inconclusive');
    // retry while Log Analytics is still down: measured at once, held again, nothing completed
    expect(await api.post(`runs/fleet-rel/${RUN}/gates/${gateId}/retry`, { reason: 'LA status page says resolved' })).toMatchObject({ status: 200, body: { attempt: 2 } });
    expect((await gate())?.phase.name).not.toBe('Passed');
    expect((await fleetWrites(w)).filter((r) => r.startsWith('PATCH'))).toEqual([]);
    // override: the operator takes responsibility; the Fleet gate is completed once, recorded as theirs
    const overridden = await api.post(`runs/fleet-rel/${RUN}/gates/${gateId}/override`, { reason: 'verified nodes by hand (INC-9)' });
    expect(overridden).toMatchObject({ status: 200, body: { phase: 'Bypassed', by: 'ops@contoso.com' } });
    expect((await gate())?.phase).toMatchObject({ name: 'Bypassed', by: 'ops@contoso.com', reason: 'verified nodes by hand (INC-9)' });
    expect((await fleetWrites(w)).filter((r) => r.startsWith('PATCH'))).toHaveLength(1);
    expect((await api.post(`runs/fleet-rel/${RUN}/gates/${gateId}/override`, { reason: 'again' })).body).toMatchObject({ status: 409 });
    // same virtual instant: the trail orders them by id
    expect((await w.audit.listAuditEvents(FLEET, RUN)).filter((e) => e.actor === 'ops@contoso.com').map((e) => e.kind).sort()).toEqual(['GateOverridden', 'GateRetried']);
    await control(w.emulator, 'DELETE', '/_emulator/faults');
    expect(await reconcileUntil(w, (s) => s === 'Completed')).toBe('Completed');
  });

  it('abandon lets the next release create its run; the abandoned target gets none', async () => {
    api = await start();
    const w = api.world;
    await releaseAndStart(w);
    await advanceClock(w.emulator, 240);
    await w.fleet.stopUpdateRun(FLEET, RUN); // stopped around Conductor
    await reconcileUntil(w, (s) => s === 'Stopped');
    await control(w.emulator, 'POST', '/_emulator/releases', { version: '1.33.5' });
    await advanceClock(w.emulator, 60);
    expect((await w.services.pollReleases(w.log)).fleets[0]?.outcome).toMatchObject({ kind: 'held', hold: { cause: 'StoppedInAzure' } });
    expect(await api.post(`runs/fleet-rel/${RUN}/abandon`, { reason: 'superseded by 1.33.5' })).toMatchObject({ status: 200, body: { abandoned: true } });
    expect((await api.post(`runs/fleet-rel/${RUN}/abandon`, { reason: 'twice' })).body).toMatchObject({ status: 409, state: 'Abandoned' });
    expect((await api.post(`runs/fleet-rel/${RUN}/resume`, { reason: 'no' })).body).toMatchObject({ status: 409, state: 'Abandoned' });
    // The reconcile timer's tick between two polls: it brings run history's index of unfinished runs (which the poll
    // reads, and which may lag one tick) up to date with the stop.
    await w.services.reconcileAllFleets(w.log);
    expect((await w.services.pollReleases(w.log)).fleets[0]?.outcome).toMatchObject({ kind: 'runStarted', runName: 'k8s-1-33-5', rule: 'NewRelease' });
    expect((await api.get('fleets/fleet-rel')).blocked).toBeUndefined();
    expect((await w.audit.listAuditEvents(FLEET, RUN)).find((e) => e.kind === 'RunAbandoned')).toMatchObject({ actor: 'ops@contoso.com', data: { reason: 'superseded by 1.33.5' } });
  });

  it('pause holds a release that would otherwise start; unpause lets it go', async () => {
    api = await start();
    const w = api.world;
    expect(await api.post('fleets/fleet-rel/pause', { reason: 'incident INC-7' })).toMatchObject({ status: 200, body: { paused: true, stopped: [] } });
    expect((await api.post('fleets/fleet-rel/pause', { reason: 'again' })).body).toMatchObject({ status: 409, state: 'Paused' });
    await advanceClock(w.emulator, 7300);
    for (let i = 0; i < 2; i++) expect((await w.services.pollReleases(w.log)).fleets[0]?.outcome).toMatchObject({ kind: 'noRun', outcome: 'paused' });
    expect(await fleetWrites(w)).toEqual([]);
    expect((await api.get('fleets/fleet-rel')).paused).toMatchObject({ by: 'ops@contoso.com', reason: 'incident INC-7' });
    expect((await api.get('fleets/fleet-rel/plan')).outcome).toBe('paused');
    expect(await api.post('fleets/fleet-rel/unpause', { reason: 'INC-7 resolved' })).toMatchObject({ status: 200, body: { paused: false } });
    expect((await w.services.pollReleases(w.log)).fleets[0]?.outcome).toMatchObject({ kind: 'runStarted', runName: RUN });
    expect((await w.audit.listAuditEvents(FLEET, '_fleet')).map((e) => [e.kind, e.actor])).toEqual([
      ['FleetPaused', 'ops@contoso.com'],
      ['FleetUnpaused', 'ops@contoso.com'],
    ]);
    // a freeze that also stops the running run: the stop is the operator's, and holds the run after unpause
    expect(await api.post('fleets/fleet-rel/pause', { reason: 'INC-8', stopActive: true })).toMatchObject({ status: 200, body: { stopped: [RUN] } });
    expect(await reconcileUntil(w, (st) => st === 'Stopped')).toBe('Stopped');
    expect((await api.post(`runs/fleet-rel/${RUN}/resume`, { reason: 'not while paused' })).body).toMatchObject({ status: 409, state: 'Paused' });
    await api.post('fleets/fleet-rel/unpause', { reason: 'INC-8 resolved' });
    expect((await w.services.pollReleases(w.log)).fleets[0]?.outcome).toMatchObject({ kind: 'held', hold: { cause: 'OperatorStopped' } });
  });

  it('four 500s on start: the run is created but not started; the next trigger starts it (once), by rule StartCreatedRun', async () => {
    api = await start();
    const w = api.world;
    await advanceClock(w.emulator, 7300);
    await control(w.emulator, 'POST', '/_emulator/faults', { service: 'arm', method: 'POST', pathPattern: '/start', status: 500, times: 4 });
    await expect(w.services.pollReleases(w.log).then((s) => s.fleets[0]?.outcome ?? s)).resolves.not.toMatchObject({ kind: 'runStarted' });
    expect(await runState(w)).toBe('NotStarted');
    expect((await starts(w)).length).toBe(4);
    expect((await w.services.pollReleases(w.log)).fleets[0]?.outcome).toMatchObject({ kind: 'runStarted', runName: RUN, rule: 'StartCreatedRun' });
    expect(await runState(w)).not.toBe('NotStarted');
    expect((await fleetWrites(w)).filter((r) => r.startsWith('PUT'))).toEqual([`PUT updateRuns/${RUN}`]);
    await w.services.pollReleases(w.log);
    expect((await starts(w)).length).toBe(5);
    expect((await w.audit.listAuditEvents(FLEET, RUN)).find((e) => e.kind === 'RunStarted')?.data).toMatchObject({ rule: 'StartCreatedRun' });
  });
});
