import type { Json } from './emulatorTestKit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/startEmulator';
import { control, httpsJson, startTestEmulator } from './emulatorTestKit';
import { threeStageScenario } from './scenarioFixtures';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(threeStageScenario());
});
afterAll(() => emu.stop());

const card = (text: string) => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text }] } }],
});

it('accepts a Teams Workflows Adaptive Card message with 202 and records it', async () => {
  const res = await httpsJson(emu, 'POST', '/teams/workflows/approvals?sig=abc', card('Approve canary?'));
  expect(res.status).toBe(202);
  const messages = (await control(emu, 'GET', '/webhooks?kind=teams')).body.value;
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatchObject({ kind: 'teams', id: 'approvals', path: '/teams/workflows/approvals', status: 202, accepted: true, problems: [], body: card('Approve canary?') });
});

it('rejects messages that are not an Adaptive Card message (400) or larger than 28 KB (413)', async () => {
  const notCard = await httpsJson(emu, 'POST', '/teams/workflows/shape', { text: 'hello' });
  expect(notCard.status).toBe(400);
  expect(notCard.body.error.message).toBe("type must be 'message'; attachments must be a non-empty array");
  const wrongType = await httpsJson(emu, 'POST', '/teams/workflows/shape', { type: 'message', attachments: [{ contentType: 'application/json', content: {} }] });
  expect(wrongType.status).toBe(400);
  const big = await httpsJson(emu, 'POST', '/teams/workflows/size', card('x'.repeat(29 * 1024)));
  expect(big.status).toBe(413);
  expect(big.body.error.message).toMatch(/^payload is \d+ bytes; Teams accepts at most 28672 bytes/);
  const garbage = await httpsJson(emu, 'POST', '/teams/workflows/shape', 'not json');
  expect([garbage.status, garbage.body.error.message]).toEqual([400, 'body is not JSON']);
});

it('rate-limits each Workflows URL to 4 requests per second with 429 + Retry-After', async () => {
  const statuses: number[] = [];
  const retryAfter: (string | undefined)[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await httpsJson(emu, 'POST', '/teams/workflows/burst', card(`n${i}`));
    statuses.push(res.status);
    retryAfter.push(res.headers['retry-after']);
  }
  expect(statuses).toEqual([202, 202, 202, 202, 429, 429]);
  expect(retryAfter.slice(4)).toEqual(['1', '1']);
  expect((await httpsJson(emu, 'POST', '/teams/workflows/other', card('independent'))).status).toBe(202);
});

it('records generic webhooks with headers, and lists both sinks', async () => {
  const res = await httpsJson(emu, 'POST', '/webhooks/approver-1', { decision: 'approve' }, { 'x-signature': 'sha256=abc' });
  expect([res.status, res.body]).toEqual([200, { received: true }]);
  const all = (await control(emu, 'GET', '/webhooks')).body.value;
  const generic = all.filter((m: Json) => m.kind === 'webhook');
  expect(generic).toHaveLength(1);
  expect(generic[0]).toMatchObject({ id: 'approver-1', body: { decision: 'approve' }, headers: { 'x-signature': 'sha256=abc' }, accepted: true });
  expect(all.some((m: Json) => m.kind === 'teams')).toBe(true);
  await control(emu, 'POST', '/faults', { service: 'teams', status: 502, times: 1 });
  expect((await httpsJson(emu, 'POST', '/webhooks/approver-1', {})).status).toBe(502);
  expect((await control(emu, 'DELETE', '/webhooks')).status).toBe(204);
  expect((await control(emu, 'GET', '/webhooks')).body.value).toEqual([]);
});
