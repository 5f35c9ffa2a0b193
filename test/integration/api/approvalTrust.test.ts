import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HttpRequest, InvocationContext, type HttpHandler, type HttpResponseInit } from '@azure/functions';
import type { Services } from '../../../src/composition';
import { createDecideApprovalHandler } from '../../../src/functions/decideApproval';
import { createApprovalPageHandler } from '../../../src/functions/approvalPage';
import { createApprovalCallbackHandler } from '../../../src/functions/approvalCallback';
import { createStopRunHandler } from '../../../src/functions/stopRun';
import { approvalFormToken } from '../../../src/app/approvals/approvalFormToken';
import { reconcileGate } from '../../../src/app/gates/reconcileGate';
import { UNVERIFIED_FLEET, REFUSALS_RUN } from '../../../src/app/approvals/recordRefusedAttempt';
import { signedHeaders } from '../../../src/domain/approvals/verifyCallback';
import type { AuditEvent } from '../../../src/ports';
import { awaitingApproval, FLEET_ID, GATE, ref, RUN, SETTINGS, world, type World } from '../../support/approvalWorld';

/**
 * Forged identities against the approval and operator routes, handlers called as the Functions worker calls them,
 * with the headers a client sent reaching the handler unchanged: what happens on App Service when authentication is
 * off (nothing strips `x-ms-client-principal`), which the local host cannot show because it always strips them.
 */

const ALICE_OID = 'a11ce000-0000-4000-8000-000000000001';
/** Principal-source settings: the local host (it strips client-sent principal headers), or none configured. */
const LOCAL = { CONDUCTOR_PRINCIPAL_SOURCE: 'localDevelopment' };
const UNSET = { CONDUCTOR_PRINCIPAL_SOURCE: '' };

function principalHeader(name: string, objectId: string, idp = 'aad', roles: string[] = []): string {
  const claims = [
    { typ: 'name', val: name },
    { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: objectId },
    ...roles.map((val) => ({ typ: 'roles', val })),
  ];
  return Buffer.from(JSON.stringify({ auth_typ: idp, claims, name_typ: 'name', role_typ: 'roles' })).toString('base64');
}

/** The production composition over fakes, with the given principal-source settings. */
function setup(trust: Readonly<Record<string, string>>, approval: Record<string, unknown> = {}) {
  const w = world({ quorum: 2, ...approval }, { ...SETTINGS, ...trust });
  return { w, services: w.app.services };
}

async function call(handler: HttpHandler, init: { method: string; url: string; params: Record<string, string>; headers: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  const request = new HttpRequest({ method: init.method, url: init.url, headers: init.headers, params: init.params, ...(init.body === undefined ? {} : { body: { string: init.body } }) });
  const result = (await handler(request, new InvocationContext({ functionName: 'test' }))) as HttpResponseInit;
  return { status: result.status ?? 200, body: typeof result.body === 'string' ? result.body : JSON.stringify(result.jsonBody ?? '') };
}

const post = (services: Services, token: string, headers: Record<string, string>, form: Record<string, string>) =>
  call(createDecideApprovalHandler(() => services), {
    method: 'POST',
    url: `https://conductor.example/api/approvals/${token}`,
    params: { token },
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.7:51234', 'user-agent': 'curl/8', ...headers },
    body: new URLSearchParams(form).toString(),
  });

const forged = (name: string, objectId: string): Record<string, string> => ({ 'x-ms-client-principal': principalHeader(name, objectId), 'x-ms-client-principal-name': name, 'sec-fetch-site': 'same-origin' });

const snapshot = async (w: World) => ({ ledger: await w.rawStore.getLedger(FLEET_ID, GATE), gate: await w.gates.getGate(FLEET_ID, GATE), completes: w.fleet.count('completeGate') });
const refusals = async (w: World): Promise<AuditEvent[]> => (await w.audit.listAuditEvents(FLEET_ID, RUN)).filter((e) => e.kind === 'ApprovalAttemptRefused');

describe('a forged x-ms-client-principal changes nothing, and every refusal is audited', () => {
  it.each([
    ['no principal source configured', UNSET, 'CONDUCTOR_PRINCIPAL_SOURCE is not set'],
    ['appServiceAuthentication while App Service authentication is off (the platform would not strip the header)', { CONDUCTOR_PRINCIPAL_SOURCE: 'appServiceAuthentication', WEBSITE_INSTANCE_ID: 'i-1' }, 'WEBSITE_AUTH_ENABLED'],
    ['localDevelopment on App Service', { CONDUCTOR_PRINCIPAL_SOURCE: 'localDevelopment', WEBSITE_AUTH_ENABLED: 'true', WEBSITE_INSTANCE_ID: 'i-1' }, 'on App Service'],
  ])('%s: refused (403), audited with who claimed what and from where', async (_name, trust, reason) => {
    const { w, services } = setup(trust);
    const token = await awaitingApproval(w);
    const before = await snapshot(w);
    // Even with a form token the attacker could not have obtained (computed here with the key), nothing counts.
    const formToken = approvalFormToken(w.deps.approvals.signer!, token, { name: 'alice@contoso.com', objectId: ALICE_OID, groups: [] });
    const answer = await post(services, token, forged('alice@contoso.com', ALICE_OID), { decision: 'approve', formToken });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain(reason);
    const page = await call(createApprovalPageHandler(() => services), { method: 'GET', url: `https://conductor.example/api/approvals/${token}`, params: { token }, headers: forged('alice@contoso.com', ALICE_OID) });
    expect(page.status).toBe(403);
    expect(await snapshot(w)).toEqual(before);
    const [event, ...more] = await refusals(w);
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({
      gateId: GATE,
      actor: 'alice@contoso.com',
      data: { channel: 'landingPage', reason: 'untrustedSource', claimed: { name: 'alice@contoso.com', objectId: ALICE_OID }, from: { ip: '203.0.113.7:51234', userAgent: 'curl/8' } },
    });
  });

  it('a quorum attempt under several made-up names: every one refused and audited, the gate unchanged', async () => {
    const { w, services } = setup(UNSET);
    const token = await awaitingApproval(w);
    const before = await snapshot(w);
    const names = ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com', 'dave@contoso.com'];
    const statuses = [];
    for (const [i, name] of names.entries()) statuses.push((await post(services, token, forged(name, `0000000${i}-0000-4000-8000-000000000000`), { decision: 'approve' })).status);
    expect(statuses).toEqual([403, 403, 403, 403]);
    expect(await snapshot(w)).toEqual(before);
    expect((await refusals(w)).map((e) => e.actor).sort()).toEqual(names);
    await reconcileGate(w.deps, ref);
    expect((await w.gates.getGate(FLEET_ID, GATE))?.state.phase.name).toBe('AwaitingApproval');
  });

  it('a form post with neither Sec-Fetch-Site nor Origin needs a valid form token: refused and audited without one', async () => {
    const { w, services } = setup(LOCAL);
    const token = await awaitingApproval(w);
    const before = await snapshot(w);
    const alice = { 'x-ms-client-principal': principalHeader('alice@contoso.com', ALICE_OID) };
    expect((await post(services, token, alice, { decision: 'approve' })).status).toBe(403);
    expect((await post(services, token, alice, { decision: 'approve', formToken: 'made-up' })).status).toBe(403);
    expect((await post(services, token, { ...alice, 'sec-fetch-site': 'cross-site' }, { decision: 'approve' })).status).toBe(403);
    expect((await post(services, token, { ...alice, origin: 'https://evil.example' }, { decision: 'approve' })).status).toBe(403);
    expect(await snapshot(w)).toEqual(before);
    expect((await refusals(w)).map((e) => (e.data as { reason: string }).reason).sort()).toEqual(['crossSite', 'crossSite', 'formRejected:unprovenOrigin', 'formRejected:unprovenOrigin']);
    // With the form token the page gave her, the same header-less post counts (non-browser clients stay possible).
    const formToken = approvalFormToken(w.deps.approvals.signer!, token, { name: 'alice@contoso.com', objectId: ALICE_OID, groups: [] });
    expect((await post(services, token, alice, { decision: 'approve', formToken })).status).toBe(303);
  });

  it('a principal that is not an Entra ID user with an object id is refused (401), audited', async () => {
    const { w, services } = setup(LOCAL);
    const token = await awaitingApproval(w);
    const github = { 'x-ms-client-principal': principalHeader('alice@contoso.com', ALICE_OID, 'github'), 'sec-fetch-site': 'same-origin' };
    expect((await post(services, token, github, { decision: 'approve' })).status).toBe(401);
    const noOid = { 'x-ms-client-principal': Buffer.from(JSON.stringify({ auth_typ: 'aad', claims: [{ typ: 'name', val: 'alice@contoso.com' }] })).toString('base64'), 'sec-fetch-site': 'same-origin' };
    expect((await post(services, token, noOid, { decision: 'approve' })).status).toBe(401);
    expect((await refusals(w)).map((e) => (e.data as { reason: string }).reason)).toEqual(['unverifiedPrincipal', 'unverifiedPrincipal']);
    expect((await w.rawStore.getLedger(FLEET_ID, GATE))?.ledger.decisions).toEqual([]);
  });

  it('refusals on one link are rate-limited: past the limit 429 with Retry-After, and the audit trail stays bounded', async () => {
    const { w, services } = setup(UNSET);
    const token = await awaitingApproval(w);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await post(services, token, forged('mallory@contoso.com', 'ba000000-0000-4000-8000-000000000666'), { decision: 'approve' })).status);
    expect(statuses.filter((s) => s === 403)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    const trail = await w.audit.listAuditEvents(FLEET_ID, RUN);
    expect(trail.filter((e) => e.kind === 'ApprovalAttemptRefused')).toHaveLength(20);
    expect(trail.filter((e) => e.kind === 'ApprovalRefusalsRateLimited')).toHaveLength(1);
    // A forged link is filed apart (it names no real gate) and has its own limit.
    expect((await post(services, 'not-a-link', forged('mallory@contoso.com', 'ba000000-0000-4000-8000-000000000666'), { decision: 'approve' })).status).toBe(403);
    expect((await w.audit.listAuditEvents(UNVERIFIED_FLEET, REFUSALS_RUN)).map((e) => (e.data as { link?: string }).link)).toEqual(['malformed']);
  });

  it('operator routes share the check: a forged operator cannot stop a run without a trusted source', async () => {
    const { services } = setup(UNSET);
    const stop = (trusted: Services) =>
      call(createStopRunHandler(() => trusted), {
        method: 'POST',
        url: 'https://conductor.example/api/runs/fleet-1/k8s-1-33-4/stop',
        params: { fleet: 'fleet-1', run: 'k8s-1-33-4' },
        headers: { 'x-ms-client-principal': principalHeader('ops@contoso.com', '0b000000-0000-4000-8000-000000000001', 'aad', ['Conductor.Operator']) },
      });
    const refused = await stop(services);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('CONDUCTOR_PRINCIPAL_SOURCE');
  });
});

describe('one person is one approver, and the ledger cannot be edited behind Conductor', () => {
  const callback = (services: Services, w: World, id: string, approver: Record<string, unknown>) => {
    const body = JSON.stringify({ v: 1, id, requestId: '', gate: { fleetId: FLEET_ID, runName: RUN, gateId: GATE }, decision: 'approve', approver });
    return { body, services, w };
  };
  const send = async (services: Services, w: World, id: string, approver: Record<string, unknown>): Promise<number> => {
    const requestId = (await w.rawStore.getLedger(FLEET_ID, GATE))?.ledger.requestId;
    const { body } = callback(services, w, id, approver);
    const raw = body.replace('"requestId":""', `"requestId":${JSON.stringify(requestId)}`);
    const headers = signedHeaders(raw, Math.floor(w.clock.ms / 1000), (data) => createHmac('sha256', 'hook-secret').update(data).digest('hex'));
    return (await call(createApprovalCallbackHandler(() => services), { method: 'POST', url: 'https://conductor.example/api/approvals/callback', params: {}, headers: { 'content-type': 'application/json', ...headers }, body: raw })).status;
  };

  it('the same person under two object ids counts once: the second is refused and audited, quorum 2 not met', async () => {
    const { w, services } = setup(LOCAL);
    await awaitingApproval(w);
    expect(await send(services, w, 'cab-1', { name: 'alice@contoso.com', objectId: ALICE_OID })).toBe(200);
    expect(await send(services, w, 'cab-2', { name: 'Alice@Contoso.com', objectId: 'a11ce000-0000-4000-8000-0000000000ff' })).toBe(403);
    expect(await send(services, w, 'cab-3', { name: 'bob@contoso.com' })).toBe(403);
    const ledger = (await w.store.getLedger(FLEET_ID, GATE))?.ledger;
    expect(ledger?.decisions).toHaveLength(1);
    expect(ledger?.outcome).toBeUndefined();
    expect(w.fleet.count('completeGate')).toBe(0);
    const refused = (await w.audit.listAuditEvents(FLEET_ID, RUN)).filter((e) => e.kind === 'ApprovalDecisionRefused');
    expect(refused.map((e) => (e.data as { result: string }).result)).toEqual(['identityMismatch', 'identityMismatch']);
  });

  it('an edited ledger row is refused and reported: the gate is not completed, decisions answer 409', async () => {
    const { w, services } = setup(LOCAL);
    await awaitingApproval(w);
    expect(await send(services, w, 'cab-1', { name: 'alice@contoso.com', objectId: ALICE_OID })).toBe(200);
    // Someone with write access to the table adds a second approval and closes the request as granted.
    const stored = await w.rawStore.getLedger(FLEET_ID, GATE);
    if (stored === undefined) throw new Error('no ledger');
    const forgedDecision = { by: { name: 'mallory@contoso.com', objectId: 'ba000000-0000-4000-8000-000000000666' }, decision: 'approve' as const, at: w.clock.nowIso(), evidenceVersion: 3 };
    await w.rawStore.replaceLedger({ ...stored.ledger, decisions: [...stored.ledger.decisions, forgedDecision], outcome: 'granted', closedAt: w.clock.nowIso() }, stored.etag);
    w.clock.advance(30);
    await reconcileGate(w.deps, ref);
    expect((await w.gates.getGate(FLEET_ID, GATE))?.state.phase.name).toBe('AwaitingApproval');
    expect(w.fleet.count('completeGate')).toBe(0);
    expect(await send(services, w, 'cab-2', { name: 'bob@contoso.com', objectId: 'b0b00000-0000-4000-8000-000000000002' })).toBe(409);
    const tampered = (await w.audit.listAuditEvents(FLEET_ID, RUN)).filter((e) => e.kind === 'ApprovalLedgerTampered');
    expect(tampered.length).toBeGreaterThanOrEqual(1);
    expect(tampered[0]?.data).toMatchObject({ problem: 'badSeal' });
    // Dropping the seal does not help either.
    const edited = await w.rawStore.getLedger(FLEET_ID, GATE);
    const { seal: _seal, ...unsealed } = edited!.ledger;
    await w.rawStore.replaceLedger(unsealed, edited!.etag);
    await expect(w.store.getLedger(FLEET_ID, GATE)).rejects.toThrow(/missingSeal/);
  });
});
