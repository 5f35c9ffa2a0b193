import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpHandler } from '@azure/functions';
import { FunctionHost, DEVHOST_PRINCIPAL_HEADER } from '../../../devhost/FunctionHost';
import type { RegisteredFunction } from '../../../devhost/functionsCoreShim';
import type { Services } from '../../../src/composition';
import { createApprovalPageHandler } from '../../../src/functions/approvalPage';
import { createDecideApprovalHandler } from '../../../src/functions/decideApproval';
import { createApprovalCallbackHandler } from '../../../src/functions/approvalCallback';
import { signedHeaders } from '../../../src/domain/approvals/verifyCallback';
import { signToken, type ApprovalTokenClaims } from '../../../src/domain/approvals/approvalToken';
import { HmacSigner } from '../../../src/adapters/crypto/HmacSigner';
import { awaitingApproval, FLEET_ID, GATE, KEY, RUN, world, type World } from '../../support/approvalWorld';
import { linkSigner } from '../../../src/app/approvals/tokenSigners';

function http(name: string, route: string, method: string, make: (s: () => Services) => HttpHandler, services: () => Services): RegisteredFunction {
  return {
    name,
    bindings: { trigger: { type: 'httpTrigger', direction: 'in', route, methods: [method], authLevel: 'anonymous' } },
    handler: make(services) as RegisteredFunction['handler'],
  };
}

const as = (name: string, objectId = `oid-${name}`, groups: string[] = []): Record<string, string> => ({
  [DEVHOST_PRINCIPAL_HEADER]: Buffer.from(JSON.stringify({ name, objectId, roles: [], groups })).toString('base64'),
});

describe('approval HTTP routes through the local host', () => {
  let w: World;
  let host: FunctionHost;
  let url: string;
  let token: string;

  beforeEach(async () => {
    w = world({ quorum: 2 });
    token = await awaitingApproval(w);
    const s = (): Services => w.app.services;
    host = new FunctionHost({
      functions: [
        // Literal route first, as the Functions host orders them.
        http('approvalCallback', 'approvals/callback', 'POST', createApprovalCallbackHandler, s),
        http('approvalPage', 'approvals/{token}', 'GET', createApprovalPageHandler, s),
        http('decideApproval', 'approvals/{token}', 'POST', createDecideApprovalHandler, s),
      ],
      settings: {},
      timers: false,
      log: () => undefined,
      allowPrincipalOverride: true,
    });
    url = await host.listen(0);
  });
  afterEach(() => host.close());
  afterAll(() => undefined);

  const page = async (who: Record<string, string>, t = token): Promise<{ status: number; text: string; formToken: string | undefined; csp: string | null }> => {
    const res = await fetch(`${url}/api/approvals/${t}`, { headers: who });
    const text = await res.text();
    return { status: res.status, text, formToken: /name="formToken" value="([^"]+)"/.exec(text)?.[1], csp: res.headers.get('content-security-policy') };
  };
  const post = async (who: Record<string, string>, form: Record<string, string>, t = token, extra: Record<string, string> = {}): Promise<{ status: number; location: string | null; body: string }> => {
    const res = await fetch(`${url}/api/approvals/${t}`, {
      method: 'POST',
      redirect: 'manual',
      // An empty value in `extra` removes a default header (e.g. a client that sends no Sec-Fetch-Site).
      headers: Object.fromEntries(Object.entries({ 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...who, ...extra }).filter(([, v]) => v !== '')),
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  };
  const decide = async (name: string, decision: 'approve' | 'reject', comment = ''): Promise<{ status: number; location: string | null; body: string }> => {
    const shown = await page(as(name));
    return post(as(name), { decision, comment, formToken: shown.formToken ?? '', evidenceVersion: '3' });
  };
  const snapshot = async () => ({ ledger: await w.store.getLedger(FLEET_ID, GATE), gate: await w.gates.getGate(FLEET_ID, GATE) });
  const callback = async (body: string, at: number, secret = 'hook-secret'): Promise<number> => {
    const headers = signedHeaders(body, at, (data) => createHmac('sha256', secret).update(data).digest('hex'));
    return (await fetch(`${url}/api/approvals/callback`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })).status;
  };

  it('serves the page to a signed-in approver with the evidence and a CSRF-protected form, under a strict CSP', async () => {
    const shown = await page(as('alice@contoso.com'));
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('aks-canary-1');
    expect(shown.text).toContain('0 of 2 needed');
    expect(shown.formToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(shown.csp).toContain("default-src 'none'");
    expect(shown.csp).toContain("form-action 'self'");
    expect((await page({})).status).toBe(401);
  });

  it('quorum 2: two distinct approvers complete the gate; the same approver twice counts once', async () => {
    const aliceForm = (await page(as('alice@contoso.com'))).formToken ?? '';
    const form = { decision: 'approve', comment: 'looks healthy', formToken: aliceForm, evidenceVersion: '3' };
    expect(await post(as('alice@contoso.com'), form)).toMatchObject({ status: 303, location: `/api/approvals/${token}` });
    // The same form posted again (a double click): idempotent, not counted twice.
    expect((await post(as('alice@contoso.com'), form)).status).toBe(303);
    expect((await page(as('alice@contoso.com'))).text).toContain('You approved');
    expect((await w.gates.getGate(FLEET_ID, GATE))?.state.phase.name).toBe('AwaitingApproval');
    expect((await page(as('alice@contoso.com'))).text).toContain('1 of 2 needed');
    expect((await decide('bob@contoso.com', 'approve')).status).toBe(303);
    expect((await w.gates.getGate(FLEET_ID, GATE))?.state.phase.name).toBe('Approving');
    expect(w.fleet.count('completeGate')).toBe(1);
    const trail = await w.audit.listAuditEvents(FLEET_ID, RUN);
    expect(trail.filter((e) => e.kind === 'ApprovalDecision').map((e) => [e.actor, (e.data as { comment?: string }).comment])).toEqual([
      ['alice@contoso.com', 'looks healthy'],
      ['bob@contoso.com', undefined],
    ]);
  });

  it('admits an approver through a group claim of the signed-in principal', async () => {
    await host.close();
    w = world({ quorum: 1, approvers: { groups: ['aaaaaaaa-0000-4000-8000-000000000001'] } });
    token = await awaitingApproval(w);
    const services = w.app.services;
    host = new FunctionHost({
      functions: [http('approvalPage', 'approvals/{token}', 'GET', createApprovalPageHandler, () => services), http('decideApproval', 'approvals/{token}', 'POST', createDecideApprovalHandler, () => services)],
      settings: {},
      timers: false,
      log: () => undefined,
      allowPrincipalOverride: true,
    });
    url = await host.listen(0);
    const carol = as('carol@contoso.com', 'oid-carol', ['AAAAAAAA-0000-4000-8000-000000000001']);
    const shown = await page(carol);
    expect(shown.formToken).toBeDefined();
    expect((await post(carol, { decision: 'approve', formToken: shown.formToken ?? '' })).status).toBe(303);
    expect((await w.gates.getGate(FLEET_ID, GATE))?.state.phase.name).toBe('Approving');
    expect((await page(as('dave@contoso.com', 'oid-dave', ['bbbbbbbb-0000-4000-8000-000000000002']))).text).toContain('is not an approver');
  });

  it('reject through the page stops the run with the reason', async () => {
    expect((await decide('bob@contoso.com', 'reject', 'p99 latency regressed')).status).toBe(303);
    const gate = await w.gates.getGate(FLEET_ID, GATE);
    expect(gate?.state.phase).toMatchObject({ name: 'Rejected', comment: 'bob@contoso.com: p99 latency regressed' });
    expect(w.fleet.count('stopUpdateRun')).toBe(1);
  });

  it('refuses every forged input with a 4xx and changes nothing', async () => {
    const alice = as('alice@contoso.com');
    const formToken = (await page(alice)).formToken ?? '';
    const [payload, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const altered = `${Buffer.from(JSON.stringify({ ...claims, gateId: '99999999-2222-3333-4444-555555555555' })).toString('base64url')}.${signature}`;
    const signer = new HmacSigner(KEY);
    const expiredToken = signToken({ ...(claims as unknown as ApprovalTokenClaims), exp: Math.floor(w.clock.ms / 1000) - 1 }, linkSigner(signer));
    const ledger = (await w.store.getLedger(FLEET_ID, GATE))?.ledger;
    const now = Math.floor(w.clock.ms / 1000);
    const decision = { v: 1, id: 'ext-1', requestId: ledger?.requestId, gate: { fleetId: FLEET_ID, runName: RUN, gateId: GATE }, decision: 'approve', approver: { name: 'alice@contoso.com', objectId: 'a11ce000-0000-4000-8000-000000000001' } };
    const before = await snapshot();
    const cases: [string, () => Promise<number>, number][] = [
      ['bad signature', async () => (await post(alice, { decision: 'approve', formToken }, `${payload}.${signature.slice(0, -3)}abc`)).status, 403],
      ['altered gate id', async () => (await post(alice, { decision: 'approve', formToken }, altered)).status, 403],
      ['expired token', async () => (await post(alice, { decision: 'approve', formToken }, expiredToken)).status, 410],
      ['token signed with another key', async () => (await post(alice, { decision: 'approve', formToken }, signToken(claims as unknown as ApprovalTokenClaims, linkSigner(new HmacSigner(Buffer.alloc(32, 5).toString('base64')))))).status, 403],
      ['malformed token', async () => (await post(alice, { decision: 'approve', formToken }, 'garbage')).status, 400],
      ['wrong approver', async () => (await decide('mallory@contoso.com', 'approve')).status, 403],
      ["another principal's form token", async () => (await post(as('bob@contoso.com'), { decision: 'approve', formToken })).status, 403],
      ['missing form token (CSRF)', async () => (await post(alice, { decision: 'approve' })).status, 403],
      ['cross-site post (CSRF)', async () => (await post(alice, { decision: 'approve', formToken }, token, { 'sec-fetch-site': 'cross-site' })).status, 403],
      ['null Origin (CSRF)', async () => (await post(alice, { decision: 'approve', formToken }, token, { 'sec-fetch-site': '', origin: 'null' })).status, 403],
      ['foreign Origin (CSRF)', async () => (await post(alice, { decision: 'approve', formToken }, token, { 'sec-fetch-site': '', origin: 'https://evil.example' })).status, 403],
      ['malformed form body', async () => (await post(alice, { decision: 'maybe', formToken })).status, 400],
      ['no principal', async () => (await post({}, { decision: 'approve', formToken })).status, 401],
      ['callback: bad signature', () => callback(JSON.stringify(decision), now, 'not-the-secret'), 401],
      ['callback: stale timestamp', () => callback(JSON.stringify(decision), now - 3600), 401],
      ['callback: malformed body', () => callback('{"v":1,', now), 400],
      ['callback: altered gate id', () => callback(JSON.stringify({ ...decision, gate: { ...decision.gate, gateId: '99999999-2222-3333-4444-555555555555' } }), now), 404],
      ['callback: wrong approver', () => callback(JSON.stringify({ ...decision, id: 'ext-2', approver: { name: 'mallory@contoso.com', objectId: 'ba000000-0000-4000-8000-000000000666' } }), now), 403],
      ['callback: missing headers', async () => (await fetch(`${url}/api/approvals/callback`, { method: 'POST', body: JSON.stringify(decision) })).status, 400],
    ];
    const statuses = [];
    for (const [name, attempt] of cases) statuses.push([name, await attempt()]);
    expect(statuses).toEqual(cases.map(([name, , status]) => [name, status]));
    expect(await snapshot()).toEqual(before);
    expect(w.fleet.count('completeGate')).toBe(0);
  });

  it('an expired link answers 410; a replayed callback 409, counted once', async () => {
    const ledger = (await w.store.getLedger(FLEET_ID, GATE))?.ledger;
    const now = Math.floor(w.clock.ms / 1000);
    const body = JSON.stringify({ v: 1, id: 'ext-9', requestId: ledger?.requestId, gate: { fleetId: FLEET_ID, runName: RUN, gateId: GATE }, decision: 'approve', approver: { name: 'alice@contoso.com', objectId: 'a11ce000-0000-4000-8000-000000000001' } });
    expect(await callback(body, now)).toBe(200);
    const after = await snapshot();
    expect(await callback(body, now + 2)).toBe(409);
    expect(await snapshot()).toEqual(after);
    expect(after.ledger?.ledger.decisions).toHaveLength(1);
    w.clock.advance(61 * 60);
    expect((await page(as('alice@contoso.com'))).status).toBe(410);
  });
});
