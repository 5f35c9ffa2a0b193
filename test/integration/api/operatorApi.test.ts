import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpHandler } from '@azure/functions';
import { FunctionHost, DEVHOST_PRINCIPAL_HEADER } from '../../../devhost/FunctionHost';
import type { RegisteredFunction } from '../../../devhost/functionsCoreShim';
import type { Services } from '../../../src/composition';
import { createListRunsHandler } from '../../../src/functions/listRuns';
import { createGetRunHandler } from '../../../src/functions/getRun';
import { createListRunEventsHandler } from '../../../src/functions/listRunEvents';
import { createStopRunHandler } from '../../../src/functions/stopRun';
import { createRunTimelineViewHandler } from '../../../src/functions/runTimelineView';
import { createListFleetsHandler } from '../../../src/functions/listFleets';
import { createGetFleetHandler } from '../../../src/functions/getFleet';
import { createGetFleetPlanHandler } from '../../../src/functions/getFleetPlan';
import { advanceClock, control } from '../../support/emulatorControl';
import { FLEET, startReleaseWorld, type ReleaseTestWorld } from '../releases/releaseWorld';

const KEY = 'test-function-key';
// Response bodies are asserted field by field; a loose JSON type keeps those assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function http(name: string, route: string, method: string, make: (s: () => Services) => HttpHandler, services: () => Services): RegisteredFunction {
  return {
    name,
    bindings: { trigger: { type: 'httpTrigger', direction: 'in', route, methods: [method], authLevel: 'function' } },
    handler: make(services) as RegisteredFunction['handler'],
  };
}

describe('operator HTTP API against the emulator, Azurite and the local host', () => {
  let world: ReleaseTestWorld;
  let host: FunctionHost;
  let url: string;
  let planBeforeRelease: { status: number; body: Record<string, unknown> };
  let recordedByPlan: unknown;

  const get = async (path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: Json }> => {
    const res = await fetch(`${url}/api/${path}${path.includes('?') ? '&' : '?'}code=${KEY}`, { headers });
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, body: type.includes('json') ? await res.json() : await res.text() };
  };
  const as = (name: string, roles: string[]): Record<string, string> => ({
    [DEVHOST_PRINCIPAL_HEADER]: Buffer.from(JSON.stringify({ name, objectId: `oid-${name}`, roles })).toString('base64'),
  });
  const stop = async (run: string, headers: Record<string, string>): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${url}/api/runs/fleet-rel/${run}/stop?code=${KEY}`, { method: 'POST', headers, body: JSON.stringify({ comment: 'bad canary' }) });
    return { status: res.status, body: await res.json() };
  };
  const driveToEnd = async (run: string): Promise<string> => {
    let state = '';
    for (let i = 0; i < 60 && !['Completed', 'Failed', 'Stopped'].includes(state); i++) {
      await advanceClock(world.emulator, 60);
      await world.services.reconcileAllFleets(world.log);
      state = (await world.fleet.getUpdateRun(FLEET, run))?.state ?? '';
    }
    return state;
  };
  const release = async (version: string): Promise<string> => {
    await control(world.emulator, 'POST', '/_emulator/releases', { version });
    await advanceClock(world.emulator, 60);
    const outcome = (await world.services.pollReleases(world.log)).fleets[0]?.outcome as { runName: string };
    return outcome.runName;
  };

  beforeAll(async () => {
    world = await startReleaseWorld({ channel: 'rapid' }, {}, true);
    const s = (): Services => world.services;
    host = new FunctionHost({
      functions: [
        http('listRuns', 'runs', 'GET', createListRunsHandler, s),
        http('getRun', 'runs/{fleet}/{run}', 'GET', createGetRunHandler, s),
        http('listRunEvents', 'runs/{fleet}/{run}/events', 'GET', createListRunEventsHandler, s),
        http('stopRun', 'runs/{fleet}/{run}/stop', 'POST', createStopRunHandler, s),
        http('runTimelineView', 'runs/{fleet}/{run}/view', 'GET', createRunTimelineViewHandler, s),
        http('listFleets', 'fleets', 'GET', createListFleetsHandler, s),
        http('getFleet', 'fleets/{fleet}', 'GET', createGetFleetHandler, s),
        http('getFleetPlan', 'fleets/{fleet}/plan', 'GET', createGetFleetPlanHandler, s),
      ],
      settings: {},
      timers: false,
      keys: { master: 'master-key', functions: { default: KEY } },
      allowPrincipalOverride: true,
      log: () => undefined,
    });
    url = await host.listen(0);
    await world.services.reconcileAllFleets(world.log); // strategy with the dev gate
    await advanceClock(world.emulator, 3700); // 1.33.4 in 2 of 3 regions
    const plan = await get('fleets/fleet-rel/plan');
    planBeforeRelease = { status: plan.status, body: plan.body };
    recordedByPlan = await world.store.getEvaluation(FLEET);
    await advanceClock(world.emulator, 3600);
    await world.services.pollReleases(world.log);
    expect(await driveToEnd('k8s-1-33-4')).toBe('Completed');
    expect(await driveToEnd(await release('1.33.5'))).toBe('Completed');
    expect(await driveToEnd(await release('1.33.6'))).toBe('Completed');
  });
  afterAll(async () => {
    await host.close();
    await world.stop();
  });

  it('the plan, before a release reached every region: why the run waits, and nothing recorded', () => {
    expect(planBeforeRelease.status).toBe(200);
    expect(planBeforeRelease.body).toMatchObject({ fleet: 'fleet-rel', outcome: 'wait' });
    const reasons = planBeforeRelease.body.reasons as { code: string; message: string }[];
    expect(reasons.find((r) => r.code === 'NotInAllRegions')?.message).toMatch(/1\.33\.4.*australiaeast/);
    expect(recordedByPlan).toBeUndefined(); // a dry run writes nothing
    expect((planBeforeRelease.body.stages as { name: string }[]).map((st) => st.name)).toEqual(['dev', 'canary', 'prod']);
  });

  it('lists runs newest first across pages with continuation tokens, each once', async () => {
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await get(`runs?fleet=fleet-rel&limit=1${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`);
      expect(page.status).toBe(200);
      names.push(...page.body.items.map((r: { run: string }) => r.run));
      token = page.body.continuationToken;
      pages++;
    } while (token && pages < 10);
    expect(names).toEqual(['k8s-1-33-6', 'k8s-1-33-5', 'k8s-1-33-4']);
    const all = await get('runs?state=Completed');
    expect(all.body.items.map((r: { run: string; state: string; createdBy: string }) => [r.run, r.state, r.createdBy])).toEqual([
      ['k8s-1-33-6', 'Completed', 'fleet-conductor'],
      ['k8s-1-33-5', 'Completed', 'fleet-conductor'],
      ['k8s-1-33-4', 'Completed', 'fleet-conductor'],
    ]);
  });

  it.each([
    { path: 'runs?limit=0&state=Bogus&since=yesterday&fleet=Bad_Name', parameters: ['fleet', 'state', 'since', 'limit'] },
    { path: 'runs?continuationToken=garbage', parameters: ['continuationToken'] },
    { path: 'runs/Fleet_X/k8s-1-33-4', parameters: ['fleet'] },
    { path: 'fleets/UPPER', parameters: ['fleet'] },
  ])('answers 400 problem+json naming every bad parameter: $path', async ({ path, parameters }) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.errors.map((e: { parameter: string }) => e.parameter)).toEqual(parameters);
  });

  it.each(['runs/fleet-rel/no-such-run', 'runs/no-fleet/k8s-1-33-4', 'runs/fleet-rel/no-such-run/events', 'fleets/no-fleet', 'fleets/no-fleet/plan', 'runs/fleet-rel/no-such-run/view'])(
    'answers 404 problem+json for %s',
    async (path: string) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.type).toContain('application/problem+json');
    },
  );

  it('returns the run detail: creation and its reasons, the gate with its evidence, events and a timeline', async () => {
    const res = await get('runs/fleet-rel/k8s-1-33-4');
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.run).toMatchObject({ runName: 'k8s-1-33-4', state: 'Completed', createdBy: 'fleet-conductor', target: { kind: 'kubernetes', version: '1.33.4' } });
    expect(d.run.stages.map((s: { name: string; state: string }) => [s.name, s.state])).toEqual([
      ['dev', 'Completed'],
      ['canary', 'Completed'],
      ['prod', 'Completed'],
    ]);
    expect(d.creation).toMatchObject({ trigger: { kind: 'poll' }, createdBy: 'fleet-conductor', attempt: 1 });
    expect(d.gates).toHaveLength(1);
    expect(d.gates[0].state.phase.name).toBe('Passed');
    expect(d.gates[0].evidence[0].evaluations[0]).toMatchObject({ checkName: 'nodes', outcome: 'Successful' });
    expect(d.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['RunCreated', 'RunStarted', 'GateTransition']));
    const times = d.timeline.map((t: { at: string }) => t.at);
    expect(times).toEqual([...times].sort());
    expect(d.timeline.some((t: { scope: string }) => t.scope === 'member')).toBe(true);
    const events = await get('runs/fleet-rel/k8s-1-33-4/events');
    expect(events.body.items).toEqual(d.events);
  });

  it('serves the timeline page as HTML', async () => {
    const res = await get('runs/fleet-rel/k8s-1-33-4/view');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/html');
    expect(res.body).toContain('k8s-1-33-4');
    expect(res.body).toContain('<svg');
  });

  it('shows the fleet: members with versions, no drift after the runs, the last release evaluation', async () => {
    expect((await get('fleets')).body.items).toEqual([{ name: 'fleet-rel', fleetId: FLEET, strategy: 'conductor', releaseMode: 'explicit', channel: 'rapid' }]);
    const view = (await get('fleets/fleet-rel')).body;
    expect(view.members.map((m: { name: string; kubernetesVersion: string }) => [m.name, m.kubernetesVersion])).toEqual([
      ['dev-1', '1.33.6'],
      ['canary-1', '1.33.6'],
      ['prod-1', '1.33.6'],
    ]);
    expect(view).toMatchObject({ versions: { '1.33.6': 3 }, drift: false, release: { outcome: expect.any(String) } });
  });

  it('lets only an operator stop a running run: 401 anonymous, 403 without the role, 202 (twice), 409 once it is done', async () => {
    const run = await release('1.33.7');
    await advanceClock(world.emulator, 60);
    expect((await stop(run, {})).status).toBe(401);
    expect((await stop(run, as('viewer@contoso.example', ['Conductor.Viewer']))).status).toBe(403);
    expect(await stop(run, as('ops@contoso.example', ['Conductor.Operator']))).toEqual({ status: 202, body: { fleet: 'fleet-rel', run, state: 'Stopping' } });
    expect((await stop(run, as('ops@contoso.example', ['Conductor.Operator']))).status).toBe(202);
    const trail = await world.audit.listAuditEvents(FLEET, run);
    expect(trail.filter((e) => e.kind === 'RunStopRequested').map((e) => e.actor)).toContain('ops@contoso.example');
    expect((await stop('k8s-1-33-4', as('ops@contoso.example', ['Conductor.Operator']))).status).toBe(409);
  });

  it('needs the function key', async () => {
    expect((await fetch(`${url}/api/runs`)).status).toBe(401);
  });
});
