import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvocationContext, type HttpHandler } from '@azure/functions';
import { FunctionHost } from '../../../devhost/FunctionHost';
import { httpStreamEnabled, type RegisteredFunction } from '../../../devhost/functionsCoreShim';
import { withQueryEncodingCheck } from '../../../src/functions/support/queryEncoding';
import type { Services } from '../../../src/composition';
import type { ApprovalStore } from '../../../src/ports';
import { createApprovalCallbackHandler } from '../../../src/functions/approvalCallback';
import { createApprovalPageHandler } from '../../../src/functions/approvalPage';
import { createDecideApprovalHandler } from '../../../src/functions/decideApproval';
import { createGetFleetHandler } from '../../../src/functions/getFleet';
import { createGetFleetPlanHandler } from '../../../src/functions/getFleetPlan';
import { createGetRunHandler } from '../../../src/functions/getRun';
import { createHealthHandler } from '../../../src/functions/health';
import { createListFleetsHandler } from '../../../src/functions/listFleets';
import { createListRunEventsHandler } from '../../../src/functions/listRunEvents';
import { createListRunsHandler } from '../../../src/functions/listRuns';
import { createOpenApiHandler } from '../../../src/functions/openApi';
import { createRunTimelineViewHandler } from '../../../src/functions/runTimelineView';
import { createStopRunHandler } from '../../../src/functions/stopRun';
import { createFleetGateEventHandler } from '../../../src/functions/onFleetGateEvent';
import { createAksEventHandler } from '../../../src/functions/onAksEvent';
import { HmacSigner } from '../../../src/adapters/crypto/HmacSigner';
import { signToken } from '../../../src/domain/approvals/approvalToken';
import { advanceClock, armRequests } from '../../support/emulatorControl';
import { FLEET, SUB, startReleaseWorld, type ReleaseTestWorld } from '../releases/releaseWorld';
import { linkSigner } from '../../../src/app/approvals/tokenSigners';
import { Prng } from '../../support/resilience/prng';

/**
 * Bounded, seeded fuzzing of every HTTP route (through the local host, raw paths so `..` and bad escapes arrive as
 * sent) and every Event Grid function (invoked as the worker does): malformed, oversized and hostile input. Every
 * answer must be < 500 (an Event Grid handler must not throw: the host would answer 500 and Event Grid retry), and
 * nothing may change: no ARM write in the emulator's request log, no ARM path with `..`, the same runs and audit
 * trail (refused approval attempts are audited by design and are left out of the comparison), the same ledgers.
 */

/** A seeded PRNG (mulberry32, test/support/resilience/prng.ts): the same seed replays the same sequence. */
function rng(seed: number): () => number {
  const source = new Prng(seed);
  return () => source.next();
}

const SEED = 15_2026;
const KEY = Buffer.alloc(32, 15).toString('base64');
const GUID = 'abcdef01-2345-4678-9abc-def012345678';
const HOSTILE = [
  '..',
  '%2e%2e',
  '.%2e',
  '%zz',
  '%',
  '%00',
  '%E0%A4%A',
  '%C0%AF',
  '<script>alert(1)</script>',
  'a'.repeat(5_000),
  '\u0000',
  '\u202e',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  "' OR 1=1 --",
  '${jndi:ldap://x/a}',
  'fleet-rel',
  'FLEET-REL',
  '-',
  'a-',
  GUID,
  '1.33.4',
  '-1',
  '1e309',
  'NaN',
  'null',
  '[]',
  '{}',
  'k8s-1-33-4',
  ' ',
  '',
];

describe('edge fuzz: every HTTP route and Event Grid function, hostile input', () => {
  let world: ReleaseTestWorld;
  let host: FunctionHost;
  let port: number;
  let ledgers: ApprovalStore;

  const fn = (name: string, route: string, method: string, make: (s: () => Services) => HttpHandler): RegisteredFunction => ({
    name,
    bindings: { trigger: { type: 'httpTrigger', direction: 'in', route, methods: [method], authLevel: 'anonymous' } },
    // As httpFunction registers every HTTP function in production: the query string's encoding is checked first.
    handler: withQueryEncodingCheck(make(() => world.services)) as RegisteredFunction['handler'],
  });

  beforeAll(async () => {
    world = await startReleaseWorld({ channel: 'rapid' }, {}, true, { settings: { APPROVAL_TOKEN_KEY: KEY, APP_BASE_URL: 'https://conductor.example' } });
    ledgers = world.ledgers;
    host = new FunctionHost({
      functions: [
        fn('health', 'health', 'GET', createHealthHandler),
        fn('openApi', 'openapi.json', 'GET', () => createOpenApiHandler('test')),
        fn('approvalCallback', 'approvals/callback', 'POST', createApprovalCallbackHandler),
        fn('approvalPage', 'approvals/{token}', 'GET', createApprovalPageHandler),
        fn('decideApproval', 'approvals/{token}', 'POST', createDecideApprovalHandler),
        fn('listRuns', 'runs', 'GET', createListRunsHandler),
        fn('getRun', 'runs/{fleet}/{run}', 'GET', createGetRunHandler),
        fn('listRunEvents', 'runs/{fleet}/{run}/events', 'GET', createListRunEventsHandler),
        fn('stopRun', 'runs/{fleet}/{run}/stop', 'POST', createStopRunHandler),
        fn('runTimelineView', 'runs/{fleet}/{run}/view', 'GET', createRunTimelineViewHandler),
        fn('listFleets', 'fleets', 'GET', createListFleetsHandler),
        fn('getFleet', 'fleets/{fleet}', 'GET', createGetFleetHandler),
        fn('getFleetPlan', 'fleets/{fleet}/plan', 'GET', createGetFleetPlanHandler),
      ],
      settings: {},
      timers: false,
      // A signed-in operator and approver, so the fuzz reaches past the identity checks into parameter handling.
      principal: { name: 'ops@contoso.com', objectId: '0b000000-0000-4000-8000-000000000001', roles: ['Conductor.Operator', 'Conductor.Approver'] },
      maxBodyBytes: 1024 * 1024,
      log: () => undefined,
    });
    port = Number(new URL(await host.listen(0)).port);
    await world.services.reconcileAllFleets(world.log);
    // A release seen in every region after its soak: one run, so the run routes have a real run next to the hostile ones.
    await advanceClock(world.emulator, 3700);
    await world.services.pollReleases(world.log);
    await advanceClock(world.emulator, 3600);
    await world.services.pollReleases(world.log);
    await world.services.reconcileAllFleets(world.log); // records the run in the history the run routes read
  });
  afterAll(async () => {
    await host.close();
    await world.stop();
  });

  /** Raw request: the path goes on the wire as given (only bytes HTTP forbids are escaped). */
  const send = (method: string, path: string, headers: Record<string, string>, body: Buffer | undefined): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  const raw = (segment: string): string => segment.replace(/[^\x21-\x7e]|[/?#]/gu, (c) => encodeURIComponent(c));

  const state = async () => {
    const runs = await world.services.listRuns({ limit: 200 });
    const trails = await Promise.all(runs.items.map((r) => world.audit.listAuditEvents(FLEET, r.run)));
    const arm = await armRequests(world.emulator);
    return {
      runs,
      audit: trails.flat().filter((e) => !['ApprovalAttemptRefused', 'ApprovalRefusalsRateLimited'].includes(e.kind)),
      armWrites: arm.filter((r) => r.method !== 'GET').length,
      ledger: await ledgers.getLedger(FLEET, GUID),
    };
  };

  it('answers every hostile HTTP input and Event Grid delivery below 500, changing nothing', async () => {
    const random = rng(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const hostile = (): string => pick(HOSTILE);
    const realToken = signToken({ v: 1, fleetId: FLEET, runName: 'k8s-1-33-4', gateId: GUID, requestId: 'req-x', exp: 4_102_444_800 }, linkSigner(new HmacSigner(KEY)));
    const before = await state();
    expect(before.runs.items.length).toBeGreaterThan(0);
    const armBefore = (await armRequests(world.emulator)).length;

    const routes: [string, (s: () => string) => string][] = [
      ['GET', () => '/api/health'],
      ['GET', () => '/api/openapi.json'],
      ['GET', (s) => `/api/fleets/${raw(s())}`],
      ['GET', (s) => `/api/fleets/${raw(s())}/plan`],
      ['GET', () => '/api/fleets'],
      ['GET', (s) => `/api/runs?${pick(['fleet', 'state', 'since', 'until', 'top', 'continuationToken', 'target'])}=${raw(s())}&${pick(['top', 'fleet'])}=${raw(s())}`],
      ['GET', (s) => `/api/runs/${raw(s())}/${raw(s())}`],
      ['GET', (s) => `/api/runs/fleet-rel/${raw(s())}/events`],
      ['GET', (s) => `/api/runs/${raw(s())}/k8s-1-33-4/view`],
      ['POST', (s) => `/api/runs/${raw(s())}/${raw(s())}/stop`],
      ['GET', (s) => `/api/approvals/${raw(pick([s(), realToken, `${realToken}x`, `${s()}.${s()}`]))}`],
      ['POST', (s) => `/api/approvals/${raw(pick([s(), realToken, `${s()}.${s()}`]))}`],
      ['POST', () => '/api/approvals/callback'],
    ];
    const bodies = (): Buffer | undefined =>
      pick([
        undefined,
        Buffer.from(hostile()),
        Buffer.from(JSON.stringify({ comment: hostile(), decision: hostile(), v: 1, id: hostile(), approver: { name: hostile(), objectId: hostile() } })),
        Buffer.from(`decision=${raw(hostile())}&formToken=${raw(hostile())}&evidenceVersion=${raw(hostile())}&comment=${raw(hostile())}`),
        Buffer.from('%zz=%&decision=approve'),
        Buffer.from([0xff, 0xfe, 0x00, 0xc3]),
        Buffer.alloc(20_000, 'a'),
      ]);
    const headers = (): Record<string, string> => {
      const h: Record<string, string> = {};
      if (random() < 0.7) h['content-type'] = pick(['application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded; charset=utf-16']);
      if (random() < 0.5) h['sec-fetch-site'] = pick(['same-origin', 'cross-site', 'none', 'same-site', 'x']);
      if (random() < 0.3) h.origin = pick(['null', 'https://evil.example', 'http://127.0.0.1', '::']);
      if (random() < 0.4) h['x-ms-client-principal'] = pick([Buffer.from('{"auth_typ":"aad","claims":[{"typ":"name","val":"mallory"}]}').toString('base64'), 'garbage', '']);
      if (random() < 0.4) h['x-conductor-timestamp'] = pick(['0', '99999999999999', hostile().slice(0, 100).replace(/[^\x20-\x7e]/g, '')]);
      if (random() < 0.4) h['x-conductor-signature'] = pick(['sha256=' + '0'.repeat(64), 'sha256=zz', 'x']);
      return h;
    };

    const answers: { method: string; path: string; status: number }[] = [];
    for (let i = 0; i < 320; i++) {
      const [method, path] = pick(routes);
      const p = path(hostile);
      answers.push({ method, path: p.slice(0, 120), status: await send(method, p, headers(), method === 'POST' ? bodies() : undefined) });
    }
    // Oversized bodies on every POST route: refused by size (413) before anything is parsed.
    for (const p of ['/api/approvals/callback', `/api/approvals/${realToken}`, '/api/runs/fleet-rel/k8s-1-33-4/stop']) {
      answers.push({ method: 'POST', path: `${p} (2 MB)`, status: await send('POST', p, { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, Buffer.alloc(2 * 1024 * 1024, 'a')) });
    }

    const context = (): InvocationContext => new InvocationContext({ functionName: 'fuzz', logHandler: () => undefined });
    const gateEvent = createFleetGateEventHandler(() => world.services);
    const aksEvent = createAksEventHandler(() => world.services);
    const cluster = `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-dev-1`;
    const events: unknown[] = [];
    for (let i = 0; i < 80; i++) {
      const gateIds = [`${FLEET}/gates/${hostile()}`, `${FLEET}/gates/${GUID}/../..`, `${FLEET.replace('fleet-rel', hostile())}/gates/${GUID}`, hostile(), `${FLEET}/gates/${GUID}\u0000`];
      const supportVersion = pick(['<script>x</script>', '1.33\u0000', `1.${'3'.repeat(40_000)}`, hostile(), 17, null, ['1.33']]);
      events.push(
        pick([
          { id: hostile(), eventType: 'Microsoft.ResourceNotifications.AKSResources.FleetGateUpdated', subject: pick(gateIds), data: { resourceInfo: { id: pick(gateIds) } } },
          { id: 'x', eventType: hostile(), subject: hostile(), data: hostile() },
          { id: 'x', eventType: 'Microsoft.ContainerService.ClusterSupportEnding', topic: pick([cluster, cluster.replace('aks-dev-1', '..'), hostile()]), eventTime: hostile(), data: { kubernetesVersion: supportVersion } },
          { id: 'x', eventType: 'Microsoft.ContainerService.ClusterSupportEnded', source: cluster, time: pick(['2026-11-21T10:00:00Z', hostile()]), data: { kubernetesVersion: supportVersion } },
          pick([null, 42, 'text', [], [{}], {}]),
        ]),
      );
    }
    const eventFailures: string[] = [];
    for (const [i, event] of events.entries()) {
      for (const [name, handler] of [['onFleetGateEvent', gateEvent], ['onAksEvent', aksEvent]] as const) {
        try {
          await handler(event as never, context());
        } catch (error) {
          eventFailures.push(`${name} #${i}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }

    expect(answers.filter((a) => a.status >= 500 || a.status === 0)).toEqual([]);
    expect(eventFailures).toEqual([]);
    expect(answers.filter((a) => a.path.endsWith('(2 MB)')).map((a) => a.status)).toEqual([413, 413, 413]);
    const newArm = (await armRequests(world.emulator)).slice(armBefore);
    expect(newArm.filter((r) => /\/\.\.?(\/|$)|%2e/i.test(r.path))).toEqual([]);
    expect(await state()).toEqual(before);
    // The fuzz reached every route (not only 404s from the router).
    expect(new Set(answers.map((a) => a.status)).size).toBeGreaterThan(5);
  }, 120_000);

  /** Raw request with the whole answer (status, content type, body). */
  const fetchRaw = (path: string): Promise<{ status: number; type: string | undefined; body: string }> =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'GET', path }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end();
    });

  it('a badly percent-encoded query string is a 400 problem naming the parameter, on every route', async () => {
    for (const path of ['/api/runs?fleet=%zz', '/api/runs?fleet=fleet-rel&state=%E0%A4%A', '/api/runs?%C0%AF=1', '/api/fleets/fleet-rel?x=%', '/api/health?probe=%ZZ']) {
      const answer = await fetchRaw(path);
      expect(answer.status, path).toBe(400);
      expect(answer.type, path).toBe('application/problem+json');
      expect(JSON.parse(answer.body)).toMatchObject({ status: 400, errors: [{ message: 'is not valid percent-encoded UTF-8' }] });
    }
    expect(JSON.parse((await fetchRaw('/api/runs?fleet=fleet-rel&state=%E0%A4%A')).body).errors).toEqual([{ parameter: 'state', message: 'is not valid percent-encoded UTF-8' }]);
    // Valid escapes still work.
    expect((await fetchRaw('/api/runs?fleet=fleet%2Drel')).status).toBe(200);
  });

  /**
   * Sends `total` bytes chunked (no Content-Length) and stops as soon as the answer arrives: the bytes written by then
   * show whether the server refused while the body was still streaming or read it all first.
   */
  const streamUntilAnswered = (path: string, contentType: string, total: number): Promise<{ status: number; written: number }> =>
    new Promise((resolve, reject) => {
      let written = 0;
      let answered = false;
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, headers: { 'content-type': contentType, 'sec-fetch-site': 'same-origin', 'transfer-encoding': 'chunked' } }, (res) => {
        answered = true;
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, written }));
      });
      req.on('error', (error) => (answered ? undefined : reject(error)));
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = (): void => {
        while (!answered && written < total) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });

  it('the anonymous callback and form routes refuse an oversized body while it streams (413 long before 50 MB arrive)', async () => {
    expect(httpStreamEnabled()).toBe(true); // the app's app.setup({ enableHttpStream: true }), seen by the local host
    const total = 50 * 1024 * 1024;
    const realToken = signToken({ v: 1, fleetId: FLEET, runName: 'k8s-1-33-4', gateId: GUID, requestId: 'req-x', exp: 4_102_444_800 }, linkSigner(new HmacSigner(KEY)));
    for (const [path, type] of [['/api/approvals/callback', 'application/json'], [`/api/approvals/${realToken}`, 'application/x-www-form-urlencoded']] as const) {
      const { status, written } = await streamUntilAnswered(path, type, total);
      expect(status, path).toBe(413);
      // The limits are 16 KiB and 8 KiB; what was written beyond them sat in socket buffers, never in the app.
      // Negative control (run by hand): with `httpStream: false` on the host, all 50 MB are written before the answer.
      expect(written, path).toBeLessThan(total / 4);
    }
  });
});
