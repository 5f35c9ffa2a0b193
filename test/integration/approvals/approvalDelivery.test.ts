import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import { deliverNotifications } from '../../../src/app/notifications/deliverNotifications';
import { performJournal } from '../../../src/app/gates/performJournal';
import { ChannelNotifier } from '../../../src/adapters/notify/ChannelNotifier';
import { TeamsNotifier } from '../../../src/adapters/notify/TeamsNotifier';
import { SignedWebhookNotifier } from '../../../src/adapters/notify/SignedWebhookNotifier';
import { LogNotifier } from '../../../src/adapters/notify/LogNotifier';
import { APPROVAL_CHANNEL } from '../../../src/app/approvals/approvalChannels';
import { verifyCallback } from '../../../src/domain/approvals/verifyCallback';
import type { Notifier, JournalEntry } from '../../../src/ports';
import { awaitingApproval, FLEET_ID, GATE, SETTINGS, world, type World } from '../../support/approvalWorld';
import { control } from '../../support/emulatorControl';
import { tempCaFile } from '../../support/tempCaFile';
import { nodeTokenCodec } from '../../../src/adapters/crypto/nodeTokenCodec';

describe('approval requests through the outbox to the emulator sinks', () => {
  let emulator: RunningEmulator;
  let settings: Record<string, string>;

  beforeAll(async () => {
    emulator = await startEmulator({ scenario: 'demo', port: 0, speed: 0, caFile: tempCaFile() });
    settings = { ...SETTINGS, TEAMS_URL: `${emulator.url}/teams/workflows/approvals`, HOOK_URL: `${emulator.url}/webhooks/approvals` };
  });
  afterAll(() => emulator.stop());
  beforeEach(async () => {
    await control(emulator, 'DELETE', '/_emulator/faults');
    await control(emulator, 'DELETE', '/_emulator/webhooks');
  });

  const notifierFor = (): Notifier =>
    new ChannelNotifier(
      {
        [APPROVAL_CHANNEL.teams]: new TeamsNotifier((name) => settings[name], { caPem: emulator.caPem }),
        [APPROVAL_CHANNEL.webhook]: new SignedWebhookNotifier((name) => settings[name], () => Math.floor(Date.now() / 1000), { caPem: emulator.caPem }),
      },
      new LogNotifier(() => ({ info: () => undefined, warn: () => undefined })),
    );
  const deliver = (w: World) => deliverNotifications({ outbox: w.deps.outbox, notifier: notifierFor, clock: w.clock, log: w.deps.log });
  const delivered = (kind: 'teams' | 'webhook') => emulator.control.webhooks.messages.filter((m) => m.kind === kind && m.accepted);

  it('Teams answering 429 twice: retried after Retry-After, exactly one card delivered, with working links', async () => {
    const w = world({}, settings);
    await awaitingApproval(w);
    await control(emulator, 'POST', '/_emulator/faults', { service: 'teams', pathPattern: '^/teams/', status: 429, retryAfterSeconds: 7, times: 2 });
    expect(await deliver(w)).toMatchObject({ retried: 1 });
    // Retry-After is honoured: nothing is due before it passed.
    w.clock.advance(6);
    expect(await deliver(w)).toMatchObject({ sent: 0, retried: 0 });
    w.clock.advance(1);
    expect(await deliver(w)).toMatchObject({ retried: 1 });
    w.clock.advance(7);
    expect(await deliver(w)).toMatchObject({ sent: 1 });
    w.clock.advance(60);
    await deliver(w);
    expect(delivered('teams')).toHaveLength(1);
    const card = JSON.stringify(delivered('teams')[0]?.body);
    expect(card).toContain('https://conductor.example/api/approvals/');
    expect(card).toContain('?decision=approve');
  });

  it('a crash after sending and before recording the send: sent again with the same idempotency key, which the receiver can drop', async () => {
    const w = world({}, settings);
    await awaitingApproval(w);
    const markSent = w.deps.outbox.markSent.bind(w.deps.outbox);
    let crashes = 0;
    w.deps.outbox.markSent = () => {
      crashes++;
      return Promise.reject(new Error('host died after the POST'));
    };
    await expect(deliver(w)).rejects.toThrow('host died');
    w.deps.outbox.markSent = markSent;
    w.clock.advance(121); // the dead sender's lease ends
    await deliver(w);
    w.clock.advance(3600);
    await deliver(w);
    expect(crashes).toBe(1);
    const all = emulator.control.webhooks.messages.filter((m) => m.accepted);
    const keys = all.map((m) => m.idempotencyKey);
    expect(keys.every((k) => typeof k === 'string' && k.length > 0)).toBe(true);
    // One message crashed after its POST: it arrives twice with one key; every other message arrives once.
    expect(all.filter((m) => m.duplicate)).toHaveLength(1);
    expect(new Set(keys).size).toBe(all.length - 1);
    const hook = delivered('webhook')[0];
    expect((hook?.body as { idempotencyKey?: string }).idempotencyKey).toBe(hook?.idempotencyKey);
  });

  it('a crash after "queued" and before "sent" (journal replayed, lease left behind) still sends each message once, signed', async () => {
    const w = world({}, settings);
    await awaitingApproval(w);
    // The crash: a sender claimed the messages and died before sending.
    const now = w.clock.nowIso();
    for (const entry of await w.deps.outbox.listDue(now, 10)) await w.deps.outbox.claim(entry, new Date(Date.parse(now) + 120_000).toISOString());
    // The journal is replayed after the crash: the same requestApproval entry is carried out again.
    const stored = await w.gates.getGate(FLEET_ID, GATE);
    const requestId = (await w.store.getLedger(FLEET_ID, GATE))?.ledger.requestId;
    const approval = stored?.state.policy.approval;
    if (!stored || !requestId || !approval) throw new Error('no approval request');
    const gate = { fleetId: FLEET_ID, runName: stored.state.gate.runName, gateId: GATE };
    const replayed: JournalEntry = { id: requestId, action: { kind: 'requestApproval', gate, policyId: 'canary-health', approval, checks: stored.state.checks } };
    await performJournal(w.deps, [replayed], { gate: undefined, run: undefined }, stored.state);
    expect(await deliver(w)).toMatchObject({ sent: 0 });
    w.clock.advance(121);
    expect(await deliver(w)).toMatchObject({ sent: 2 });
    w.clock.advance(3600);
    await deliver(w);
    expect(delivered('teams')).toHaveLength(1);
    expect(delivered('webhook')).toHaveLength(1);
    const hook = delivered('webhook')[0];
    const raw = JSON.stringify(hook?.body);
    const headers = hook?.headers ?? {};
    const verified = verifyCallback(
      { body: raw, timestampHeader: String(headers['x-conductor-timestamp']), signatureHeader: String(headers['x-conductor-signature']) },
      { sign: (data) => createHmac('sha256', 'hook-secret').update(data).digest('hex'), constantTimeEqual: nodeTokenCodec.constantTimeEqual },
      new Date().toISOString(),
    );
    // The message is not a callback decision, so the body check fails — but only after the signature matched.
    expect(verified).toEqual({ ok: false, reason: 'malformedBody' });
    expect(hook?.body).toMatchObject({ schema: 'fleet-conductor/approval-request@1', gate: { gateId: GATE } });
  });
});
