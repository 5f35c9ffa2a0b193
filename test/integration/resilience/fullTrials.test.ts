import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { stringify } from 'yaml';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import { parseConfig } from '../../../src/config';
import { createServicesFromConfig } from '../../../src/composition/azureServices';
import type { Services } from '../../../src/composition';
import { advanceClock, control } from '../../support/emulatorControl';
import { tempCaFile } from '../../support/tempCaFile';
import { Prng } from '../../support/resilience/prng';
import { scenario, SUB, WORKSPACE } from '../gates/gateWorld';

/**
 * The resilience suite, full level: RESILIENCE_FULL_TRIALS (default 2) seeded trials of the real app — two instances
 * built by the production composition (createServicesFromConfig: SDK clients, HTTPS to the emulator, managed identity,
 * tables on Azurite) on one storage and one emulator — from a release both hosts' polls race to turn into a run,
 * through the whole run (dev and canary gates; every other trial the canary cluster turns sick): ARM answering
 * 429 with Retry-After (retried by the SDK), 429 without it (surfaces; the next reconcile retries) and 500 (retried
 * by the SDK) at 20 % in all, Log Analytics 503 outages at 20 % and slow answers, gate events duplicated to both
 * instances and shuffled, both instances reconciling concurrently. No crash is injected here (a crash inside the
 * SDK stack cannot be placed at an action boundary from outside): crashes are the use-case trials' and the SIGKILL
 * test's (test/e2e/hostRestart.test.ts).
 */
const SEED = Number(process.env.RESILIENCE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const TRIALS = Number(process.env.RESILIENCE_FULL_TRIALS ?? 2);
const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-gates`;

function conductorYaml(dir: string): string {
  const file = path.join(dir, 'conductor.yaml');
  fs.writeFileSync(
    file,
    stringify({
      // Conductor creates the run itself (both hosts poll for releases): 1.33.2 is the newest GA patch of the next minor.
      fleets: [{ name: 'fleet-gates', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: WORKSPACE, strategy: 'conductor', release: { mode: 'explicit', channel: 'rapid', soakHours: 0 } }],
      strategies: [{ name: 'conductor', stages: [{ name: 'dev', groups: ['dev'], afterGate: 'stage-health' }, { name: 'canary', groups: ['canary'], afterGate: 'stage-health' }, { name: 'prod', groups: ['prod'] }] }],
      gatePolicies: [
        {
          id: 'stage-health',
          checks: [{ name: 'nodes', type: 'nodes-ready' }, { name: 'pods', type: 'pods-healthy' }, { name: 'telemetry', type: 'metrics-flowing' }],
          analysis: { initialDelaySeconds: 240, intervalSeconds: 60, count: 2, consecutiveErrorLimit: 4 },
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

describe('resilience: full trials (two hosts on one storage and emulator, faults at 20 %)', () => {
  const open: Trial[] = [];
  const env = { IDENTITY_ENDPOINT: process.env.IDENTITY_ENDPOINT, IDENTITY_HEADER: process.env.IDENTITY_HEADER };
  afterEach(async () => {
    for (const t of open.splice(0)) {
      await t.emulator.stop();
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it(`${TRIALS} full trials from seed ${SEED} keep every invariant`, async () => {
    const master = new Prng(SEED);
    const tally = { trials: 0, armFaults: 0, logsFaults: 0, events: 0, duplicates: 0, checks: 0, patches: 0 };
    for (let t = 0; t < TRIALS; t++) {
      const seed = master.int(0, 2 ** 31 - 1);
      const rng = new Prng(seed);
      // Every other trial, the canary cluster gets NotReady nodes after its upgrade: its gate must fail and stop the run.
      const failing = t % 2 === 1;
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
        CONDUCTOR_CONFIG_PATH: conductorYaml(dir),
        ARM_ENDPOINT: emulator.url,
        LOGS_ENDPOINT: `${emulator.url}/v1`,
        AZURE_CA_FILE: emulator.caFile,
        NOTIFY_WEBHOOK_URL: `${emulator.url}/webhooks/notifications`,
        ARM_POLL_INTERVAL_IN_MS: '5',
      };
      const clock = { nowIso: () => emulator.control.sim.nowIso() };
      const log = { info: () => undefined, warn: () => undefined };
      const hosts: Services[] = [createServicesFromConfig(parseConfig(settings), clock), createServicesFromConfig(parseConfig(settings), clock)];
      const failures: unknown[] = [];
      const run = async (work: Promise<unknown>[]): Promise<void> => {
        // A reconcile or event that fails on an injected fault is retried by the next one; only the end state counts.
        for (const r of await Promise.allSettled(work)) if (r.status === 'rejected') failures.push(r.reason);
      };

      await hosts[0]?.reconcileAllFleets(log); // writes Conductor's strategy, as the first timer tick does

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
      let eventNo = 0;
      // After the run ends, both hosts keep polling for a while: a stopped run must stay stopped, and no second run.
      let after = 10;
      for (let minute = 0; minute < 120 && after > 0; minute++) {
        if (['Completed', 'Failed', 'Stopped'].includes(runState())) after--;
        await advanceClock(emulator, 60);
        const pending = [...fleetState().gates.entries()].filter(([, g]) => g.state === 'Pending').map(([name]) => name);
        const work: Promise<unknown>[] = [];
        for (const gateId of pending) {
          const event = { id: `evt-${eventNo++}`, eventType: 'Microsoft.ResourceNotifications.AKSResources.FleetGateUpdated', subject: `${FLEET}/gates/${gateId}`, eventTime: clock.nowIso(), data: {}, dataVersion: '1' };
          tally.events++;
          // Event Grid delivers at least once: every event reaches a host, and 1-2 more copies reach either host.
          work.push((hosts[rng.int(0, 1)] as Services).handleFleetGateEvent(event, log));
          for (let copies = rng.int(1, 2); copies > 0; copies--) {
            tally.duplicates++;
            work.push((hosts[rng.int(0, 1)] as Services).handleFleetGateEvent(event, log));
          }
        }
        // Both hosts' release polls, racing to create and start the run for the same target.
        if (rng.chance(0.4)) work.push((hosts[0] as Services).pollReleases(log), (hosts[1] as Services).pollReleases(log));
        if (rng.chance(0.5)) work.push((hosts[0] as Services).reconcileAllFleets(log));
        if (rng.chance(0.5)) work.push((hosts[1] as Services).reconcileAllFleets(log));
        await run(rng.shuffle(work));
      }
      const faults = (await control<{ value: { faulted: boolean; service: string }[] }>(emulator, 'GET', '/_emulator/requests')).value.filter((r) => r.faulted);
      tally.armFaults += faults.filter((r) => r.service === 'arm').length;
      tally.logsFaults += faults.filter((r) => r.service === 'logs').length;
      // Settle without faults: both hosts tick until nothing is left to do (notifications delivered).
      await control(emulator, 'DELETE', '/_emulator/faults');
      for (let i = 0; i < 4; i++) {
        await advanceClock(emulator, 150);
        await run([(hosts[i % 2] as Services).reconcileAllFleets(log)]);
      }

      const check = (ok: boolean, message: string): void => {
        tally.checks++;
        if (!ok) throw new Error(`full trial ${t} (seed ${seed}; RESILIENCE_SEED=${SEED}): ${message}`);
      };
      // Exactly one run per (fleet, target), whatever the two hosts' racing polls.
      check(runNames().length === 1, `runs in Fleet: ${runNames().join(', ') || 'none'}`);
      const RUN = runNames()[0] ?? '';
      check(runState() === (failing ? 'Stopped' : 'Completed'), `the run ended ${runState()} (${failing ? 'sick' : 'healthy'} canary); ${failures.length} failed invocations, last: ${String(failures.at(-1))}`);
      const requests = (await control<{ value: { method: string; path: string; status: number; faulted: boolean; virtualTime: string }[] }>(emulator, 'GET', '/_emulator/requests?service=arm')).value.filter((r) => !r.faulted && r.status < 400);
      // One stop per decision, and nothing starts the run again after it (no operator asked).
      const stops = requests.filter((r) => r.method === 'POST' && r.path.endsWith('/stop'));
      check(stops.length === (failing ? 1 : 0), `${stops.length} stop request(s) answered`);
      const stoppedAt = stops[0]?.virtualTime;
      const startsAfter = requests.filter((r) => r.method === 'POST' && r.path.endsWith('/start') && stoppedAt !== undefined && r.virtualTime > stoppedAt);
      check(startsAfter.length === 0, `${startsAfter.length} start request(s) after the stop`);
      const fleetGates = [...fleetState().gates.entries()];
      check(fleetGates.length === 2, `${fleetGates.length} gates in Fleet`);
      const detail = await (hosts[0] as Services).getRunDetail('fleet-gates', RUN);
      for (const [gateId, gate] of fleetGates) {
        const stored = detail?.gates.find((g) => g.state.gate.gateId === gateId);
        const phase = stored?.state.phase.name;
        // Every stored gate consistent with Fleet's gate; the sick canary's gate never completed.
        check((gate.state === 'Completed') === (phase === 'Passed'), `gate ${gateId}: Conductor says ${phase ?? 'nothing'} while Fleet says ${gate.state}`);
        if (stored?.state.gate.stage === 'canary') check(phase === (failing ? 'Failed' : 'Passed'), `canary gate ${phase ?? 'missing'}`);
        // One gate PATCH per decision across the two hosts: the requests Fleet answered (not the injected faults).
        const patches = requests.filter((r) => r.method === 'PATCH' && r.path.toLowerCase().includes(`/gates/${gateId}`));
        tally.patches += patches.length;
        check(patches.length === (phase === 'Passed' ? 1 : 0), `gate ${gateId} (${phase ?? 'missing'}): ${patches.length} PATCH(es) answered by Fleet`);
        const trail = (await (hosts[1] as Services).listRunEvents('fleet-gates', RUN)) ?? [];
        for (const h of stored?.state.history ?? []) {
          const n = trail.filter((e) => e.gateId === gateId && e.kind === 'GateTransition' && e.at === h.at && (e.data as { from?: string }).from === h.from && (e.data as { to?: string }).to === h.to).length;
          check(n === 1, `gate ${gateId}: ${h.from} → ${h.to} audited ${n} time(s)`);
        }
      }
      // Notifications: each idempotency key accepted once (no crash here, so no duplicate is excusable).
      const keys = emulator.control.webhooks.messages.filter((m) => m.accepted).map((m) => m.idempotencyKey);
      check(keys.length > 0 && keys.every((k) => k !== undefined), 'notifications without an idempotency key');
      check(new Set(keys).size === keys.length, `a notification was delivered twice: ${keys.join(', ')}`);
      tally.trials++;
      await open.splice(0).reduce(async (p, x) => {
        await p;
        await x.emulator.stop();
        fs.rmSync(x.dir, { recursive: true, force: true });
      }, Promise.resolve());
    }
    console.info(
      `resilience (full): seed ${SEED}, ${tally.trials} trials, ${tally.armFaults} ARM faults and ${tally.logsFaults} Log Analytics faults answered, ` +
        `${tally.events} gate events (${tally.duplicates} duplicated), ${tally.patches} gate PATCHes, ${tally.checks} invariant checks`,
    );
    expect(tally.trials).toBe(TRIALS);
  }, 240_000);
});
