import { describe, expect, it } from 'vitest';
import { ConcurrencyError, type AuditEvent, type AuditLog, type EvidenceStore, type GateStore, type Outbox } from '../../src/ports';
import { aGateState, FLEET_ID } from './gateStateFixture';
import type { GateState } from '../../src/domain/gates/gateState';

const rec = (state: GateState): { state: GateState; journal: [] } => ({ state, journal: [] });

export interface StateStores {
  gates: GateStore;
  evidence: EvidenceStore;
  audit: AuditLog;
  outbox: Outbox;
}

/** The behaviour every implementation of the state ports must have (fakes and Table Storage alike). */
export function stateStoresContract(name: string, make: () => Promise<StateStores>): void {
  describe(`${name} (state stores contract)`, () => {
    describe('GateStore', () => {
      it('returns undefined for a gate it has not stored', async () => {
        const { gates } = await make();
        expect(await gates.getGate(FLEET_ID, 'aaaaaaaa-0000-0000-0000-000000000000')).toBeUndefined();
      });

      it('round-trips a created gate, finding it regardless of the id casing', async () => {
        const { gates } = await make();
        const created = await gates.createGate(rec(aGateState()));
        const got = await gates.getGate(FLEET_ID.toLowerCase(), '0F1E2D3C-4B5A-6978-8A9B-ACBDCEDF0011');
        expect(got).toEqual({ state: aGateState(), journal: [], etag: created.etag });
      });

      it('refuses to create a gate twice', async () => {
        const { gates } = await make();
        await gates.createGate(rec(aGateState()));
        await expect(gates.createGate(rec(aGateState({ version: 2 })))).rejects.toBeInstanceOf(ConcurrencyError);
      });

      it('replaces with the current etag and refuses a stale one (exactly one of two racing writers wins)', async () => {
        const { gates } = await make();
        const created = await gates.createGate(rec(aGateState()));
        const first = await gates.replaceGate(rec(aGateState({ version: 2 })), created.etag);
        await expect(gates.replaceGate(rec(aGateState({ version: 3 })), created.etag)).rejects.toBeInstanceOf(ConcurrencyError);
        expect((await gates.getGate(FLEET_ID, aGateState().gate.gateId))?.state.version).toBe(2);
        expect(first.etag).not.toBe(created.etag);
      });

      it('keeps the journal of effects with the state', async () => {
        const { gates } = await make();
        const journal = [{ id: 'g/v2/0', action: { kind: 'completeFleetGate' as const, gate: { fleetId: FLEET_ID, runName: 'k8s-1-33-4', gateId: 'g' } } }];
        const created = await gates.createGate(rec(aGateState()));
        await gates.replaceGate({ state: aGateState({ version: 2 }), journal }, created.etag);
        expect((await gates.getGate(FLEET_ID, aGateState().gate.gateId))?.journal).toEqual(journal);
      });

      it('lists the gates that still need work: undecided, awaiting confirmation, or with a journal to replay', async () => {
        const { gates } = await make();
        const passed = { ...aGateState({ gateId: '00000000-0000-0000-0000-0000000000a1' }), phase: { name: 'Passed' as const, at: '2026-11-21T10:09:00.000Z' } };
        const failedAwaitingStop = {
          ...aGateState({ gateId: '00000000-0000-0000-0000-0000000000a2' }),
          phase: { name: 'Failed' as const, at: '2026-11-21T10:09:00.000Z' },
          pendingCommand: { action: { kind: 'stopRun' as const, gate: { fleetId: FLEET_ID, runName: 'k8s-1-33-4', gateId: '00000000-0000-0000-0000-0000000000a2' }, reason: 'CheckFailed' as const, message: 'x' }, sentAt: '2026-11-21T10:09:00.000Z' },
        };
        const passedWithJournal = { ...passed, gate: { ...passed.gate, gateId: '00000000-0000-0000-0000-0000000000a3' } };
        await gates.createGate(rec(passed));
        await gates.createGate(rec(failedAwaitingStop));
        await gates.createGate({ state: passedWithJournal, journal: [{ id: 'j', action: { kind: 'notify', gate: { fleetId: FLEET_ID, runName: 'k8s-1-33-4', gateId: 'x' }, severity: 'info', reason: 'FleetGateCompleted', message: 'x' } }] });
        await gates.createGate(rec(aGateState({ gateId: '00000000-0000-0000-0000-0000000000a4' })));
        expect(await gates.listOpenGateIds(FLEET_ID)).toEqual([
          '00000000-0000-0000-0000-0000000000a2',
          '00000000-0000-0000-0000-0000000000a3',
          '00000000-0000-0000-0000-0000000000a4',
        ]);
      });

      it('follows a gate in and out of the open list across replaces (closed twice, then reopened)', async () => {
        const { gates } = await make();
        const id = '00000000-0000-0000-0000-0000000000b1';
        const open = aGateState({ gateId: id });
        const passed = { ...open, phase: { name: 'Passed' as const, at: '2026-11-21T10:09:00.000Z' } };
        let stored = await gates.createGate(rec(open));
        expect(await gates.listOpenGateIds(FLEET_ID)).toEqual([id]);
        stored = await gates.replaceGate(rec({ ...passed, version: 2 }), stored.etag);
        expect(await gates.listOpenGateIds(FLEET_ID)).toEqual([]);
        stored = await gates.replaceGate(rec({ ...passed, version: 3 }), stored.etag);
        expect(await gates.listOpenGateIds(FLEET_ID)).toEqual([]);
        await expect(gates.replaceGate(rec({ ...passed, version: 4 }), 'W/"stale"')).rejects.toBeInstanceOf(ConcurrencyError);
        await gates.replaceGate(rec({ ...open, version: 4 }), stored.etag);
        expect(await gates.listOpenGateIds(FLEET_ID)).toEqual([id]);
        expect((await gates.listRunGates(FLEET_ID, open.gate.runName)).map((s) => s.version)).toEqual([4]);
      });

      it('keeps the run listing and the open list right when a journal is claimed and cleared with the state unchanged', async () => {
        const { gates } = await make();
        const id = '00000000-0000-0000-0000-0000000000c1';
        const journal = [{ id: 'j', action: { kind: 'notify' as const, gate: { fleetId: FLEET_ID, runName: 'k8s-1-33-4', gateId: id }, severity: 'info' as const, reason: 'FleetGateCompleted' as const, message: 'x' } }];
        const open = aGateState({ gateId: id });
        const passed = { ...open, version: 2, phase: { name: 'Passed' as const, at: '2026-11-21T10:09:00.000Z' } };
        let stored = await gates.createGate({ state: open, journal });
        stored = await gates.replaceGate({ state: stored.state, journal, claim: { until: '2026-11-21T10:10:00.000Z' } }, stored.etag);
        stored = await gates.replaceGate({ state: stored.state, journal: [] }, stored.etag);
        expect(await gates.listOpenGateIds(FLEET_ID)).toEqual([id]);
        stored = await gates.replaceGate({ state: passed, journal }, stored.etag);
        expect(await gates.listOpenGateIds(FLEET_ID)).toEqual([id]);
        // An equal state in a new object is still the same state.
        stored = await gates.replaceGate({ state: structuredClone(passed), journal: [] }, stored.etag);
        expect(await gates.listOpenGateIds(FLEET_ID)).toEqual([]);
        expect(await gates.listRunGates(FLEET_ID, open.gate.runName)).toEqual([passed]);
        expect(await gates.getGate(FLEET_ID, id)).toEqual({ state: passed, journal: [], etag: stored.etag });
        await expect(gates.replaceGate({ state: passed, journal: [] }, 'W/"stale"')).rejects.toBeInstanceOf(ConcurrencyError);
      });

      it('stores states larger than one table property (long histories)', async () => {
        const { gates } = await make();
        const big = aGateState({ bigHistory: 400 });
        expect(JSON.stringify(big).length).toBeGreaterThan(64_000);
        await gates.createGate(rec(big));
        expect((await gates.getGate(FLEET_ID, big.gate.gateId))?.state).toEqual(big);
      });

      it("lists one run's gates only", async () => {
        const { gates } = await make();
        await gates.createGate(rec(aGateState({ gateId: '00000000-0000-0000-0000-00000000000b' })));
        await gates.createGate(rec(aGateState({ gateId: '00000000-0000-0000-0000-00000000000a' })));
        await gates.createGate(rec(aGateState({ gateId: '00000000-0000-0000-0000-00000000000c', runName: 'other-run' })));
        expect((await gates.listRunGates(FLEET_ID, 'K8S-1-33-4')).map((s) => s.gate.gateId)).toEqual([
          '00000000-0000-0000-0000-00000000000a',
          '00000000-0000-0000-0000-00000000000b',
        ]);
      });
    });

    describe('EvidenceStore', () => {
      const gate = { fleetId: FLEET_ID, runName: 'k8s-1-33-4', gateId: '0f1e2d3c-4b5a-6978-8a9b-acbdcedf0011' };
      it('keeps evidence per measurement, in measurement order, replacing a measurement stored twice', async () => {
        const { evidence } = await make();
        await evidence.putEvidence({ gate, measurement: 2, at: '2026-11-21T10:06:00.000Z', evaluations: [] });
        await evidence.putEvidence({ gate, measurement: 1, at: '2026-11-21T10:05:00.000Z', evaluations: [] });
        await evidence.putEvidence({ gate, measurement: 2, at: '2026-11-21T10:06:30.000Z', evaluations: [] });
        expect((await evidence.listEvidence(gate)).map((e) => [e.measurement, e.at])).toEqual([
          [1, '2026-11-21T10:05:00.000Z'],
          [2, '2026-11-21T10:06:30.000Z'],
        ]);
        expect(await evidence.listEvidence({ ...gate, gateId: '99999999-0000-0000-0000-000000000000' })).toEqual([]);
      });
    });

    describe('AuditLog', () => {
      const event = (id: string, at: string, runName = 'k8s-1-33-4'): AuditEvent => ({
        id,
        at,
        fleetId: FLEET_ID,
        runName,
        kind: 'GateTransition',
        actor: 'conductor',
        message: `event ${id}`,
        data: { n: 1 },
      });
      it('lists a run trail oldest first, and appending the same event id again adds nothing (first write wins)', async () => {
        const { audit } = await make();
        await audit.appendAuditEvents([event('b', '2026-11-21T10:01:00.000Z'), event('a', '2026-11-21T10:00:00.000Z')]);
        await audit.appendAuditEvents([event('b', '2026-11-21T10:05:00.000Z'), event('c', '2026-11-21T10:00:00.000Z', 'other')]);
        expect(await audit.listAuditEvents(FLEET_ID, 'k8s-1-33-4')).toEqual([event('a', '2026-11-21T10:00:00.000Z'), event('b', '2026-11-21T10:01:00.000Z')]);
      });
      it('a replayed decision appends only its missing events, however many it appends at once', async () => {
        const { audit } = await make();
        await audit.appendAuditEvents([event('a', '2026-11-21T10:00:00.000Z'), event('b', '2026-11-21T10:01:00.000Z')]);
        await audit.appendAuditEvents([event('b', '2026-11-21T10:09:00.000Z'), event('c', '2026-11-21T10:02:00.000Z'), event('a', '2026-11-21T10:09:00.000Z')]);
        expect(await audit.listAuditEvents(FLEET_ID, 'k8s-1-33-4')).toEqual([event('a', '2026-11-21T10:00:00.000Z'), event('b', '2026-11-21T10:01:00.000Z'), event('c', '2026-11-21T10:02:00.000Z')]);
      });
    });

    describe('Outbox', () => {
      const message = (id: string, createdAt: string) => ({ id, createdAt, channel: 'log', payload: { text: id } });
      it('queues a message once, lists it when due, and a second sender loses the claim', async () => {
        const { outbox } = await make();
        await outbox.enqueue([message('m2', '2026-11-21T10:00:01.000Z'), message('m1', '2026-11-21T10:00:00.000Z')]);
        await outbox.enqueue([message('m1', '2026-11-21T10:00:00.000Z')]);
        const due = await outbox.listDue('2026-11-21T10:00:05.000Z', 10);
        expect(due.map((e) => [e.id, e.status, e.attempts])).toEqual([
          ['m1', 'Pending', 0],
          ['m2', 'Pending', 0],
        ]);
        await outbox.markSent(due[0]!, '2026-11-21T10:00:06.000Z');
        await expect(outbox.markSent(due[0]!, '2026-11-21T10:00:07.000Z')).rejects.toBeInstanceOf(ConcurrencyError);
        expect((await outbox.listDue('2026-11-21T10:00:10.000Z', 10)).map((e) => e.id)).toEqual(['m2']);
      });

      it('lets exactly one of two senders claim a message, and hides it until the lease ends', async () => {
        const { outbox } = await make();
        await outbox.enqueue([message('m1', '2026-11-21T10:00:00.000Z')]);
        const [entry] = await outbox.listDue('2026-11-21T10:00:00.000Z', 10);
        const claimed = await outbox.claim(entry!, '2026-11-21T10:01:00.000Z');
        await expect(outbox.claim(entry!, '2026-11-21T10:01:00.000Z')).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await outbox.listDue('2026-11-21T10:00:30.000Z', 10)).toEqual([]);
        await outbox.markSent(claimed, '2026-11-21T10:00:01.000Z');
        expect(await outbox.listDue('2026-11-21T10:05:00.000Z', 10)).toEqual([]);
      });

      it('retries a failed attempt when its next attempt is due, and stops listing a message given up', async () => {
        const { outbox } = await make();
        await outbox.enqueue([message('m1', '2026-11-21T10:00:00.000Z')]);
        const [first] = await outbox.listDue('2026-11-21T10:00:00.000Z', 10);
        await outbox.markAttemptFailed(first!, '429 Too Many Requests', '2026-11-21T10:00:30.000Z', false);
        expect(await outbox.listDue('2026-11-21T10:00:29.000Z', 10)).toEqual([]);
        const [second] = await outbox.listDue('2026-11-21T10:00:30.000Z', 10);
        expect([second?.attempts, second?.lastError]).toEqual([1, '429 Too Many Requests']);
        await outbox.markAttemptFailed(second!, '400 Bad Request', '2026-11-21T10:01:00.000Z', true);
        expect(await outbox.listDue('2026-11-21T11:00:00.000Z', 10)).toEqual([]);
      });
    });
  });
}
