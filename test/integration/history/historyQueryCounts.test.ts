import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { TableAuditLog } from '../../../src/adapters/tables/TableAuditLog';
import { TableEvidenceStore } from '../../../src/adapters/tables/TableEvidenceStore';
import { TableGateStore } from '../../../src/adapters/tables/TableGateStore';
import { TableOutbox } from '../../../src/adapters/tables/TableOutbox';
import { TableReleaseStore } from '../../../src/adapters/tables/TableReleaseStore';
import { TableRunHistory } from '../../../src/adapters/tables/TableRunHistory';
import type { TableClientFactory } from '../../../src/adapters/tables/tableClientFactory';
import { getRunDetail } from '../../../src/app/history/getRunDetail';
import { listRuns } from '../../../src/app/history/listRuns';
import { RunHistoryRecorder } from '../../../src/app/history/RunHistoryRecorder';
import { parseConductorConfig } from '../../../src/domain/config/parseConductorConfig';
import type { RunSnapshot } from '../../../src/domain/history/runSnapshot';
import type { FleetConfig } from '../../../src/domain/config/conductorConfig';
import { aGateState } from '../../contract/gateStateFixture';
import { FakeFleetApi } from '../../support/fakes/FakeFleetApi';
import { countingTables, type CountingTables } from '../../support/countingTables';

/**
 * Issue 14: run detail, newest-N, the open-gate list and the outbox's due list cost the same number of Table
 * requests whatever the history holds (×1 and ×10), counted at the client (deterministic). History is written
 * incrementally: a new instance that observes unchanged runs writes nothing.
 */
const SUB = '00000000-0000-0000-0000-000000000001';
const FLEETS = ['fleet-a', 'fleet-b'];
/** Runs per fleet at history ×1 (×10 is ten times that); each costs about a dozen requests to seed. */
const SMALL = 4;
const fleetIdOf = (name: string): string => `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/${name}`;
const parsed = parseConductorConfig({
  fleets: FLEETS.map((name) => ({ name, subscriptionId: SUB, resourceGroup: 'rg', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 's' })),
  strategies: [{ name: 's', stages: [{ name: 'dev', groups: ['dev'] }] }],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const config = parsed.value;
const gateIdOf = (fleet: number, run: number, g: number): string => `00000000-0000-4000-8000-${String(fleet).padStart(2, '0')}${String(run).padStart(6, '0')}${String(g).padStart(4, '0')}`;

function aRun(fleet: string, i: number, state: string): RunSnapshot {
  const createdAt = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 3_600_000).toISOString();
  return { fleetName: fleet, fleetId: fleetIdOf(fleet), runName: `run-${i}`, state, createdAt, observedAt: createdAt, createdBy: 'someone-in-fleet', target: { kind: 'kubernetes', version: `1.30.${i}` }, stages: [] };
}

/** `runs` runs per fleet, each with its record, two gates with one measurement each, three trail entries and a sent notification. */
async function seed(tables: TableClientFactory, runs: number): Promise<void> {
  const history = new TableRunHistory(tables);
  const releases = new TableReleaseStore(tables);
  const gates = new TableGateStore(tables);
  const evidence = new TableEvidenceStore(tables);
  const audit = new TableAuditLog(tables);
  const outbox = new TableOutbox(tables);
  for (const [f, fleet] of FLEETS.entries()) {
    const fleetId = fleetIdOf(fleet);
    const newest = runs - 1;
    await history.upsertRuns(Array.from({ length: runs }, (_, i) => aRun(fleet, i, i === newest ? 'Running' : 'Completed')));
    await Promise.all(
      Array.from({ length: runs }, async (_, i) => {
        const runName = `run-${i}`;
        const at = aRun(fleet, i, 'Completed').createdAt;
        await releases.claimRun({ fleetId, target: { kind: 'kubernetes', version: `1.30.${i}` }, runName, mode: 'explicit', state: 'Started', trigger: { kind: 'poll', eventIds: [] }, explanation: [], createdAt: at, createdBy: 'fleet-conductor', attempt: 1 });
        for (let g = 0; g < 2; g++) {
          const base = aGateState({ gateId: gateIdOf(f, i, g), runName });
          const state = { ...base, gate: { ...base.gate, fleetId }, ...(i === newest ? {} : { phase: { name: 'Passed' as const, at } }) };
          await gates.createGate({ state, journal: [] });
          await evidence.putEvidence({ gate: state.gate, measurement: 1, at, evaluations: [] });
        }
        await audit.appendAuditEvents([0, 1, 2].map((k) => ({ id: `${runName}/${k}`, at, fleetId, runName, kind: 'GateTransition', actor: 'test', message: `event ${k}` })));
        await outbox.enqueue([{ id: `${fleet}/${runName}`, createdAt: at, channel: 'log', payload: {} }]);
      }),
    );
    const sent = (await outbox.listDue('2099-01-01T00:00:00.000Z', 10_000)).filter((e) => e.id.startsWith(`${fleet}/`) && e.id !== `${fleet}/run-${newest}`);
    await Promise.all(sent.map((e) => outbox.markSent(e, e.createdAt)));
    // Partitions start with the "indexed" marker once anything looked up through an index (the steady state).
    await releases.getRunRecord(fleetId, 'run-0');
    await gates.listOpenGateIds(fleetId);
  }
}

interface Costs {
  readonly detail: readonly string[];
  readonly detailWarm: readonly string[];
  readonly newest: readonly string[];
  readonly newestAll: readonly string[];
  readonly openGates: readonly string[];
  readonly due: readonly string[];
  readonly dueIds: readonly string[];
  readonly recordUnchanged: readonly string[];
  readonly recordUnchangedAgain: readonly string[];
  readonly recordOneChanged: readonly string[];
}

async function costs(runs: number): Promise<Costs> {
  const counting: CountingTables = countingTables(inject('azuriteConnectionString'), `q${randomUUID().replace(/-/g, '').slice(0, 12)}`);
  await seed(counting.process(), runs);
  // Measured as a new process would: its own clients; the tables exist (creating them is counted out).
  const tables = counting.process();
  for (const name of ['Runs', 'RunRecords', 'Gates', 'Evidence', 'Audit', 'Outbox']) await tables(name);
  // History reads touch no ARM adapter: one used by mistake throws rather than being counted out silently.
  const noArm = new Proxy({}, { get: () => { throw new Error('history reads must not call ARM'); } }) as never;
  const deps = { config, fleet: noArm, source: noArm, runs: noArm, clock: { nowIso: () => new Date(0).toISOString() }, history: new TableRunHistory(tables), gates: new TableGateStore(tables), evidence: new TableEvidenceStore(tables), audit: new TableAuditLog(tables), releases: new TableReleaseStore(tables) };
  const measure = async (work: () => Promise<unknown>): Promise<string[]> => {
    counting.requests.length = 0;
    await work();
    return [...counting.requests];
  };
  const run = `run-${Math.floor(runs / 2)}`;
  let detailBody: Awaited<ReturnType<typeof getRunDetail>>;
  const detail = await measure(async () => (detailBody = await getRunDetail(deps, 'fleet-a', run)));
  expect(detailBody?.creation?.createdBy).toBe('fleet-conductor');
  expect(detailBody?.gates).toHaveLength(2);
  expect(detailBody?.events).toHaveLength(3);
  const detailWarm = await measure(() => getRunDetail(deps, 'fleet-a', run));
  let page: Awaited<ReturnType<typeof listRuns>> | undefined;
  const newest = await measure(async () => (page = await listRuns(deps, { fleet: 'fleet-a', limit: 5 })));
  expect(page?.items.map((r) => r.run)).toEqual([runs - 1, runs - 2, runs - 3, runs - 4, runs - 5].filter((i) => i >= 0).map((i) => `run-${i}`));
  const newestAll = await measure(() => listRuns(deps, { limit: 5 }));
  let open: readonly string[] = [];
  const openGates = await measure(async () => (open = await deps.gates.listOpenGateIds(fleetIdOf('fleet-a'))));
  expect(open).toEqual([gateIdOf(0, runs - 1, 0), gateIdOf(0, runs - 1, 1)]);
  let dueIds: string[] = [];
  const outbox = new TableOutbox(tables);
  const due = await measure(async () => (dueIds = (await outbox.listDue('2099-01-01T00:00:00.000Z', 50)).map((e) => e.id)));

  // Incremental history on a new instance: the fleet's runs as Fleet reports them (creator: its own identity).
  const fleet = config.fleets[0] as FleetConfig;
  const observed = Array.from({ length: runs }, (_, i) => aRun('fleet-a', i, i === runs - 1 ? 'Running' : 'Completed'));
  const recorder = new RunHistoryRecorder({ fleet: new FakeFleetApi(), history: deps.history, clock: { nowIso: () => '2026-12-06T10:00:00.000Z' }, records: deps.releases });
  // Seeded before attribution existed: the first observation attributes every run (a one-time rewrite) ...
  await recorder.recordObserved(fleet, observed);
  const another = new RunHistoryRecorder({ fleet: new FakeFleetApi(), history: new TableRunHistory(tables), clock: { nowIso: () => '2026-12-06T10:05:00.000Z' }, records: new TableReleaseStore(tables) });
  // ... and another instance then writes nothing for unchanged runs (a point read each, once), then reads nothing.
  const recordUnchanged = await measure(() => another.recordObserved(fleet, observed));
  const recordUnchangedAgain = await measure(() => another.recordObserved(fleet, observed));
  const changed = observed.map((s, i) => (i === runs - 1 ? { ...s, state: 'Completed', completedTime: '2026-12-06T10:05:00.000Z' } : s));
  const recordOneChanged = await measure(() => another.recordObserved(fleet, changed));
  expect((await deps.history.getRun('fleet-a', `run-${runs - 1}`))?.createdBy).toBe('fleet-conductor');
  return { detail, detailWarm, newest, newestAll, openGates, due, dueIds, recordUnchanged, recordUnchangedAgain, recordOneChanged };
}

const writes = (requests: readonly string[]): string[] => requests.filter((r) => !r.startsWith('GET '));

describe('history, open gates and outbox queries stay flat as history grows ×10', () => {
  it(`costs the same Table requests with ${SMALL} and ${SMALL * 10} runs per fleet`, { timeout: 240_000 }, async () => {
    const small = await costs(SMALL);
    const large = await costs(SMALL * 10);
    for (const key of ['detail', 'detailWarm', 'newest', 'newestAll', 'openGates', 'due'] as const) expect({ [key]: large[key] }).toEqual({ [key]: small[key] });
    // Warm run detail: the run and its record (two point reads), its gates (one range query), its trail, each gate's evidence.
    expect([...small.detailWarm].sort()).toEqual(['GET Audit', 'GET Evidence', 'GET Evidence', 'GET Gates', 'GET RunRecords', 'GET Runs']);
    // A new process also reads each index's "indexed" marker once.
    expect(small.detail.length).toBe(small.detailWarm.length + 2);
    expect(small.newest).toHaveLength(1);
    expect(small.newestAll).toHaveLength(1);
    expect(small.openGates).toEqual(['GET Gates']); // one range query (the partition's marker was read for the detail)
    expect(small.due).toHaveLength(2); // marker (once per process) + one range query
    expect(small.dueIds).toEqual([`fleet-a/run-${SMALL - 1}`, `fleet-b/run-${SMALL - 1}`]);
    expect(large.dueIds).toEqual([`fleet-a/run-${SMALL * 10 - 1}`, `fleet-b/run-${SMALL * 10 - 1}`]);
    // Incremental: reads only, one history and one record point read per run the first time; nothing after.
    expect(writes(small.recordUnchanged)).toEqual([]);
    expect(small.recordUnchanged).toHaveLength(2 * SMALL + 1); // + the record index's marker, once per process
    expect(large.recordUnchanged).toHaveLength(2 * SMALL * 10 + 1);
    expect(small.recordUnchangedAgain).toEqual([]);
    expect(large.recordUnchangedAgain).toEqual([]);
    // One run changed: only it is written (its fleet-partition rows in one transaction, its cross-fleet row, its active row removed).
    expect(writes(small.recordOneChanged)).toEqual(writes(large.recordOneChanged));
    expect(writes(small.recordOneChanged).length).toBeLessThanOrEqual(3);
  });
});
