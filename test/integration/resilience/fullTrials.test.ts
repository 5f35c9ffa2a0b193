import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { stringify } from 'yaml';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import { parseConfig } from '../../../src/config';
import { composeApp } from '../../../src/composition/composeApp';
import { fastForwardTime } from '../../support/fastForwardTime';
import type { Services } from '../../../src/composition';
import { CrashError, InstanceLife, type CrashPlan } from '../../support/resilience/crashInjector';
import { composeCrashingApp } from '../../support/resilience/crashingApp';
import { advanceClock, control } from '../../support/emulatorControl';
import { tempCaFile } from '../../support/tempCaFile';
import { Prng } from '../../support/resilience/prng';
import { scenario, SUB, WORKSPACE } from '../gates/gateWorld';

/**
 * The resilience suite, full level: RESILIENCE_FULL_TRIALS (default 2) seeded trials of the real app — two instances
 * built by the production composition (composeApp: SDK clients, HTTPS to the emulator, managed identity, tables on
 * Azurite) on one storage and one emulator — from a release both hosts' polls race to turn into a run, through the
 * whole run (dev and canary gates; every other trial the canary cluster turns sick): ARM answering 429 with
 * Retry-After (retried by the ARM budget and the SDK), 429 without it (sent again by the ARM budget after 1, 2, 4… s,
 * fast-forwarded here; past that it surfaces and the next reconcile retries) and 500 (retried by the SDK)
 * at 20 % in all, Log Analytics 503 outages at 20 % and slow answers, gate events duplicated to both instances and
 * shuffled, both instances reconciling concurrently. Crashes: every instance's adapters are decorated
 * (composeCrashingApp) so that a seeded boundary — before or after an ARM call, a table read or write, a Logs query,
 * a notification send; half the time one the invariants are about — kills it: that call and every later one of the
 * instance throw, as if the process died there. A fresh instance is then composed on the same tables and emulator
 * and must converge. Every instance composed while the trial has had fewer than RESILIENCE_FULL_CRASHES (default 3)
 * crashes gets a plan (a plan may never fire: the instance may not reach its boundary). Healthy trials also gate prod
 * on an approval (a signed webhook request, which must go out once).
 * RESILIENCE_SEED replays a whole run; RESILIENCE_TRIAL_SEED replays the one trial a failure names.
 */
const SEED = Number(process.env.RESILIENCE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const TRIALS = Number(process.env.RESILIENCE_FULL_TRIALS ?? 2);
const TRIAL_SEED = process.env.RESILIENCE_TRIAL_SEED === undefined ? undefined : Number(process.env.RESILIENCE_TRIAL_SEED);
const MAX_CRASHES = Number(process.env.RESILIENCE_FULL_CRASHES ?? 3);
const FOCUS = process.env.RESILIENCE_FULL_BOUNDARY;
const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-gates`;

/** The calls the invariants are about: a crash just before or after one of them is the hard case. */
const KEY_CALLS = [
  'fleet.completeGate', 'fleet.stopUpdateRun', 'fleet.upsertUpdateStrategy', 'runs.createUpdateRun', 'runs.startUpdateRun',
  'releases.claimRun', 'releases.updateRunRecord', 'gates.createGate', 'gates.replaceGate', 'audit.appendAuditEvents',
  'outbox.enqueue', 'outbox.claim', 'notifier.send', 'outbox.markSent',
];
const KEY_BOUNDARIES = KEY_CALLS.flatMap((c) => [`before ${c}`, `after ${c}`]);

/** Most plans hit a key boundary's first or second crossing; the others the instance's n-th boundary of any kind. */
function crashPlan(rng: Prng): CrashPlan {
  // RESILIENCE_FULL_BOUNDARY (e.g. "after fleet.completeGate") aims every plan at one boundary, to explore it.
  if (FOCUS !== undefined) return { boundary: FOCUS, occurrence: rng.int(1, 2) };
  return rng.chance(0.7) ? { boundary: rng.pick(KEY_BOUNDARIES), occurrence: rng.int(1, 2) } : { boundary: '*', occurrence: rng.int(1, 400) };
}

/**
 * Conductor's configuration: dev and canary gated by health checks; with `approval`, prod is gated too, by a check and
 * then a human (a signed webhook approval request, to the emulator's sink): the run is then held there, its approval
 * request sent once.
 */
function conductorYaml(dir: string, approval: boolean): string {
  const file = path.join(dir, 'conductor.yaml');
  fs.writeFileSync(
    file,
    stringify({
      // Conductor creates the run itself (both hosts poll for releases): 1.33.2 is the newest GA patch of the next minor.
      fleets: [{ name: 'fleet-gates', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: WORKSPACE, strategy: 'conductor', release: { mode: 'explicit', channel: 'rapid', soakHours: 0 } }],
      strategies: [
        {
          name: 'conductor',
          stages: [
            { name: 'dev', groups: ['dev'], afterGate: 'stage-health' },
            { name: 'canary', groups: ['canary'], afterGate: 'stage-health' },
            { name: 'prod', groups: ['prod'], ...(approval ? { afterGate: 'prod-approval' } : {}) },
          ],
        },
      ],
      gatePolicies: [
        {
          id: 'stage-health',
          checks: [{ name: 'nodes', type: 'nodes-ready' }, { name: 'pods', type: 'pods-healthy' }, { name: 'telemetry', type: 'metrics-flowing' }],
          analysis: { initialDelaySeconds: 240, intervalSeconds: 60, count: 2, consecutiveErrorLimit: 4 },
        },
        {
          id: 'prod-approval',
          checks: [{ name: 'nodes', type: 'nodes-ready' }],
          analysis: { initialDelaySeconds: 240, intervalSeconds: 60, count: 1, consecutiveErrorLimit: 4 },
          approval: {
            approvers: { users: ['alice@contoso.com'] },
            quorum: 1,
            expiresAfterMinutes: 43_200,
            onExpire: 'hold',
            onReject: 'stop',
            channels: { webhook: { urlSetting: 'APPROVAL_HOOK_URL', secretSetting: 'APPROVAL_HOOK_SECRET' } },
          },
        },
      ],
    }),
  );
  return file;
}

interface Trial {
  emulator: RunningEmulator;
  dir: string;
}

interface Tally {
  trials: number;
  armFaults: number;
  logsFaults: number;
  events: number;
  duplicates: number;
  checks: number;
  patches: number;
  crashes: number;
  crashBoundaries: string[];
}

/** One app instance: its services, and the life its adapters' boundaries count against. */
interface Instance {
  readonly services: Services;
  readonly life: InstanceLife;
}

const open: Trial[] = [];

async function closeTrial(): Promise<void> {
  for (const t of open.splice(0)) {
    await t.emulator.stop();
    fs.rmSync(t.dir, { recursive: true, force: true });
  }
}

async function runTrial(t: number, seed: number, tally: Tally): Promise<void> {
  const rng = new Prng(seed);
  // Every other trial, the canary cluster gets NotReady nodes after its upgrade: its gate must fail and stop the run.
  // The others gate prod on a human too: the run is held at prod's gate, its approval request sent once.
  const failing = t % 2 === 1;
  const approval = !failing;
  const sick = failing ? [{ cluster: 'aks-canary-1', afterUpgradeTo: '1.33.2', delaySeconds: 0, set: { notReadyNodes: 2 } }] : [];
  const emulator = await startEmulator({ scenario: { ...scenario(sick), lro: rng.pick(['sync', 'async']) }, port: 0, speed: 0, caFile: tempCaFile() });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-trial-'));
  open.push({ emulator, dir });
  // The credential reads the managed-identity endpoint from the environment, as on App Service.
  process.env.IDENTITY_ENDPOINT = emulator.identityEndpoint;
  process.env.IDENTITY_HEADER = emulator.identityHeader;
  const settings = {
    AzureWebJobsStorage: inject('azuriteConnectionString'),
    CONDUCTOR_TABLE_PREFIX: `r${randomUUID().replace(/-/g, '').slice(0, 12)}`,
    CONDUCTOR_CONFIG_PATH: conductorYaml(dir, approval),
    APPROVAL_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64'),
    APP_BASE_URL: 'http://127.0.0.1:7071',
    APPROVAL_HOOK_URL: `${emulator.url}/webhooks/approvals`,
    APPROVAL_HOOK_SECRET: 'trial-approval-secret',
    ARM_ENDPOINT: emulator.url,
    LOGS_ENDPOINT: `${emulator.url}/v1`,
    AZURE_CA_FILE: emulator.caFile,
    NOTIFY_WEBHOOK_URL: `${emulator.url}/webhooks/notifications`,
    ARM_POLL_INTERVAL_IN_MS: '5',
  };
  const clock = { nowIso: () => emulator.control.sim.nowIso() };
  const log = { info: () => undefined, warn: () => undefined };
  // Every instance gets a crash plan (a plan may never fire) until the trial's crash budget is spent; a restarted
  // instance may crash again.
  const crashes: { readonly boundary: string; readonly key?: string }[] = [];
  const instance = (): Instance => {
    const plan = crashes.length < MAX_CRASHES ? crashPlan(rng) : undefined;
    const life = new InstanceLife(plan);
    return { services: composeCrashingApp(parseConfig(settings), { clock, realTime: fastForwardTime() }, life).services, life };
  };
  const hosts: Instance[] = [instance(), instance()];
  const host = (i: number): Services => (hosts[i] as Instance).services;
  // A dead instance is replaced by a fresh one on the same tables and emulator (a process restart), once its
  // in-flight work has settled (what it had already sent reached Azure; nothing after its crash point left it).
  const restartDead = (): void => {
    for (let i = 0; i < hosts.length; i++) {
      const life = (hosts[i] as Instance).life;
      if (!life.dead) continue;
      crashes.push(life.crashedAt ?? { boundary: 'unknown' });
      hosts[i] = instance();
    }
  };
  const failures: unknown[] = [];
  const run = async (work: Promise<unknown>[]): Promise<void> => {
    // A reconcile or event that fails on an injected fault or crash is retried by the next one; only the end state counts.
    for (const r of await Promise.allSettled(work)) if (r.status === 'rejected' && !(r.reason instanceof CrashError)) failures.push(r.reason);
    restartDead();
  };

  await run([host(0).reconcileAllFleets(log)]); // writes Conductor's strategy, as the first timer tick does

  const faultSeed = rng.int(1, 1_000_000);
  for (const fault of [
    { service: 'arm', status: 429, retryAfterSeconds: 0, probability: 0.08, seed: faultSeed },
    { service: 'arm', status: 429, probability: 0.06, seed: faultSeed + 1 },
    { service: 'arm', status: 500, probability: 0.06, seed: faultSeed + 2 },
    { service: 'logs', status: 503, probability: 0.2, seed: faultSeed + 3 },
    { service: 'logs', latencyMs: 40, probability: 0.3, seed: faultSeed + 4 },
  ]) await control(emulator, 'POST', '/_emulator/faults', fault);

  const fleetState = (): { gates: Map<string, { state: string }>; runs: Map<string, { name: string; status: { state: string } }> } => {
    const f = [...emulator.control.sim.fleets.values()].find((x) => x.name === 'fleet-gates');
    if (!f) throw new Error('no fleet');
    return f;
  };
  const runNames = (): string[] => [...fleetState().runs.values()].map((r) => r.name);
  const runState = (): string => [...fleetState().runs.values()][0]?.status.state ?? 'missing';
  // Where the run ends: stopped (sick canary), or held at prod's approval gate (its stage Pending on the gate).
  const prodHeld = (): boolean => {
    const run = [...emulator.control.sim.fleets.values()].find((x) => x.name === 'fleet-gates')?.runs.values().next().value;
    return run?.stages.find((st) => st.name === 'prod')?.status.state === 'Pending';
  };
  let eventNo = 0;
  // After the run ends, both hosts keep polling for a while: a stopped run must stay stopped, and no second run.
  let after = 6;
  for (let minute = 0; minute < 120 && after > 0; minute++) {
    if (['Completed', 'Failed', 'Stopped'].includes(runState()) || prodHeld()) after--;
    await advanceClock(emulator, 60);
    const pending = [...fleetState().gates.entries()].filter(([, g]) => g.state === 'Pending').map(([name]) => name);
    const work: Promise<unknown>[] = [];
    for (const gateId of pending) {
      const event = { id: `evt-${eventNo++}`, eventType: 'Microsoft.ResourceNotifications.AKSResources.FleetGateUpdated', subject: `${FLEET}/gates/${gateId}`, eventTime: clock.nowIso(), data: {}, dataVersion: '1' };
      tally.events++;
      // Event Grid delivers at least once: every event reaches a host, and 1-2 more copies reach either host.
      work.push(host(rng.int(0, 1)).handleFleetGateEvent(event, log));
      for (let copies = rng.int(1, 2); copies > 0; copies--) {
        tally.duplicates++;
        work.push(host(rng.int(0, 1)).handleFleetGateEvent(event, log));
      }
    }
    // Both hosts' release polls, racing to create and start the run for the same target.
    if (rng.chance(0.4)) work.push(host(0).pollReleases(log), host(1).pollReleases(log));
    if (rng.chance(0.5)) work.push(host(0).reconcileAllFleets(log));
    if (rng.chance(0.5)) work.push(host(1).reconcileAllFleets(log));
    await run(rng.shuffle(work));
  }
  const faults = (await control<{ value: { faulted: boolean; service: string }[] }>(emulator, 'GET', '/_emulator/requests')).value.filter((r) => r.faulted);
  tally.armFaults += faults.filter((r) => r.service === 'arm').length;
  tally.logsFaults += faults.filter((r) => r.service === 'logs').length;
  // Settle without faults: both hosts tick past every lease (journal 300 s, outbox 120 s) until nothing is left to do.
  await control(emulator, 'DELETE', '/_emulator/faults');
  // A plan may still fire while settling: the settle goes on until two ticks in a row ran without a crash.
  for (let i = 0, calm = 0; i < 6 || (calm < 2 && i < 14); i++) {
    const before = crashes.length;
    await advanceClock(emulator, 150);
    await run([host(i % 2).reconcileAllFleets(log)]);
    calm = crashes.length === before ? calm + 1 : 0;
  }
  tally.crashes += crashes.length;
  tally.crashBoundaries.push(...crashes.map((c) => c.boundary));

  const check = (ok: boolean, message: string): void => {
    tally.checks++;
    if (!ok) throw new Error(`${message} (crashes: ${crashes.map((c) => `${c.boundary}${c.key ? ` [${c.key}]` : ''}`).join('; ') || 'none'})`);
  };
  // Exactly one run per (fleet, target), whatever the two hosts' racing polls and crashes.
  check(runNames().length === 1, `runs in Fleet: ${runNames().join(', ') || 'none'}`);
  const RUN = runNames()[0] ?? '';
  check(runState() === (failing ? 'Stopped' : 'Pending') && (failing || prodHeld()), `the run ended ${runState()} (${failing ? 'sick' : 'healthy'} canary); ${failures.length} failed invocations, last: ${String(failures.at(-1))}`);
  const requests = (await control<{ value: { method: string; path: string; status: number; faulted: boolean; virtualTime: string }[] }>(emulator, 'GET', '/_emulator/requests?service=arm')).value.filter((r) => !r.faulted && r.status < 400);
  // One stop per decision, and nothing starts the run again after it (no operator asked).
  const stops = requests.filter((r) => r.method === 'POST' && r.path.endsWith('/stop'));
  check(stops.length === (failing ? 1 : 0), `${stops.length} stop request(s) answered`);
  const stoppedAt = stops[0]?.virtualTime;
  const startsAfter = requests.filter((r) => r.method === 'POST' && r.path.endsWith('/start') && stoppedAt !== undefined && r.virtualTime > stoppedAt);
  check(startsAfter.length === 0, `${startsAfter.length} start request(s) after the stop`);
  const starts = requests.filter((r) => r.method === 'POST' && r.path.endsWith('/start'));
  check(starts.length === 1, `${starts.length} start request(s) answered for one run`);
  const fleetGates = [...fleetState().gates.entries()];
  check(fleetGates.length === (approval ? 3 : 2), `${fleetGates.length} gates in Fleet`);
  const detail = await host(0).getRunDetail('fleet-gates', RUN);
  // The tables as stored, read by an instance of its own (no crash plan).
  const tables = composeApp(parseConfig(settings), { clock }).adapters;
  const trail = (await host(1).listRunEvents('fleet-gates', RUN)) ?? [];
  for (const [gateId, gate] of fleetGates) {
    const stored = detail?.gates.find((g) => g.state.gate.gateId === gateId);
    const phase = stored?.state.phase.name;
    // Every stored gate consistent with Fleet's gate; the sick canary's gate never completed.
    check((gate.state === 'Completed') === (phase === 'Passed'), `gate ${gateId}: Conductor says ${phase ?? 'nothing'} while Fleet says ${gate.state}`);
    // No Fleet gate completed on a last measurement that did not pass (failing, inconclusive or without data).
    if (gate.state === 'Completed') {
      const last = (await tables.evidence.listEvidence({ fleetId: FLEET, runName: RUN, gateId })).at(-1);
      check(last !== undefined && last.evaluations.length > 0 && last.evaluations.every((e) => e.dryRun || e.outcome === 'Successful'), `gate ${gateId} completed on a last measurement that did not pass`);
    }
    if (stored?.state.gate.stage === 'canary') check(phase === (failing ? 'Failed' : 'Passed'), `canary gate ${phase ?? 'missing'}`);
    if (stored?.state.gate.stage === 'prod') check(phase === 'AwaitingApproval' && gate.state === 'Pending', `prod gate ${phase ?? 'missing'}, Fleet ${gate.state}`);
    // One gate PATCH per decision across the two hosts and their restarts: the requests Fleet answered.
    const patches = requests.filter((r) => r.method === 'PATCH' && r.path.toLowerCase().includes(`/gates/${gateId}`));
    tally.patches += patches.length;
    check(patches.length === (phase === 'Passed' ? 1 : 0), `gate ${gateId} (${phase ?? 'missing'}): ${patches.length} PATCH(es) answered by Fleet`);
    // Nothing left half-done by a crash: every journaled action carried out and cleared.
    const row = await tables.gates.getGate(FLEET, gateId);
    check(row !== undefined, `gate ${gateId} is not in the Gates table`);
    const journal = row?.journal ?? [];
    check(journal.length === 0, `gate ${gateId} still has a journal: ${journal.map((e) => e.action.kind).join(', ')}`);
    // The audit trail: every transition of the gate's history recorded once.
    for (const h of stored?.state.history ?? []) {
      const n = trail.filter((e) => e.gateId === gateId && e.kind === 'GateTransition' && e.at === h.at && (e.data as { from?: string }).from === h.from && (e.data as { to?: string }).to === h.to).length;
      check(n === 1, `gate ${gateId}: ${h.from} → ${h.to} audited ${n} time(s)`);
    }
  }
  const auditIds = trail.map((e) => e.id);
  check(new Set(auditIds).size === auditIds.length, 'audit ids repeat');
  // Notifications: every message the outbox holds was delivered; each idempotency key accepted once, except a message
  // a crash hit between its send and the record of it (then twice, with the same key a receiver dedupes on).
  const keys = emulator.control.webhooks.messages.filter((m) => m.accepted).map((m) => m.idempotencyKey);
  check(keys.length > 0 && keys.every((k) => k !== undefined), 'notifications without an idempotency key');
  // Each crash between a message's send and its record allows one more delivery of it (a restarted instance may crash
  // there again on the same message).
  const sentUnrecorded = new Map<string, number>();
  for (const c of crashes) if ((c.boundary === 'after notifier.send' || c.boundary === 'before outbox.markSent') && c.key) sentUnrecorded.set(c.key, (sentUnrecorded.get(c.key) ?? 0) + 1);
  const perKey = new Map<string, number>();
  for (const k of keys) perKey.set(k ?? '', (perKey.get(k ?? '') ?? 0) + 1);
  for (const [key, n] of perKey) check(n <= 1 + (sentUnrecorded.get(key) ?? 0), `notification ${key} delivered ${n} times`);
  // The approval request: one message (one key) to the approval channel, whatever raced or crashed.
  const approvalKeys = new Set(emulator.control.webhooks.messages.filter((m) => m.accepted && m.path === '/webhooks/approvals').map((m) => m.idempotencyKey));
  check(approvalKeys.size === (approval ? 1 : 0), `${approvalKeys.size} approval request(s) sent: ${[...approvalKeys].join(', ')}`);
  const undelivered = await tables.outbox.listDue('9999-12-31T00:00:00.000Z', 100);
  check(undelivered.length === 0, `notifications never delivered: ${undelivered.map((m) => m.id).join(', ')}`);
  tally.trials++;
  await closeTrial();
}

describe('resilience: full trials (two hosts on one storage and emulator, faults at 20 %, crashes)', () => {
  const env = { IDENTITY_ENDPOINT: process.env.IDENTITY_ENDPOINT, IDENTITY_HEADER: process.env.IDENTITY_HEADER };
  afterEach(async () => {
    await closeTrial();
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it(`${TRIAL_SEED === undefined ? `${TRIALS} full trials from seed ${SEED}` : `full trial seed ${TRIAL_SEED}`} keep every invariant`, async () => {
    const master = new Prng(SEED);
    const tally: Tally = { trials: 0, armFaults: 0, logsFaults: 0, events: 0, duplicates: 0, checks: 0, patches: 0, crashes: 0, crashBoundaries: [] };
    const trials = TRIAL_SEED === undefined ? TRIALS : 1;
    for (let t = 0; t < trials; t++) {
      const seed = TRIAL_SEED ?? master.int(0, 2 ** 31 - 1);
      try {
        await runTrial(TRIAL_SEED === undefined ? t : Number(process.env.RESILIENCE_TRIAL_INDEX ?? 0), seed, tally);
      } catch (error) {
        const replay = `RESILIENCE_TRIAL_SEED=${seed} RESILIENCE_TRIAL_INDEX=${t}`;
        throw new Error(`full trial ${t} failed (replay it with ${replay}, the whole run with RESILIENCE_SEED=${SEED}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    console.info(
      `resilience (full): seed ${SEED}, ${tally.trials} trials, ${tally.crashes} crashes injected (${tally.crashBoundaries.join('; ') || 'none'}), ` +
        `${tally.armFaults} ARM faults and ${tally.logsFaults} Log Analytics faults answered, ` +
        `${tally.events} gate events (${tally.duplicates} duplicated), ${tally.patches} gate PATCHes, ${tally.checks} invariant checks`,
    );
    expect(tally.trials).toBe(trials);
    // A trial takes 5-30 s depending on the machine's load; more trials (RESILIENCE_FULL_TRIALS) get more time.
  }, Math.max(240_000, TRIALS * 60_000));
});
