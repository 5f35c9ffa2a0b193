import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock, armRequests, control } from '../../support/emulatorControl';
import { FLEET, newVersionEvent, startReleaseWorld, type ReleaseTestWorld } from './releaseWorld';
import type { Services } from '../../../src/composition';

const RUN = 'k8s-1-33-4';
let world: ReleaseTestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const runState = async (w: ReleaseTestWorld, name = RUN): Promise<string> => (await w.fleet.getUpdateRun(FLEET, name))?.state ?? 'missing';
/** Creations (PUT of a run) and starts (POST …/start) Fleet received: what the invariant forbids. */
const starts = async (w: ReleaseTestWorld): Promise<string[]> =>
  (await armRequests(w.emulator, '/updateRuns/'))
    .filter((r) => (r.method === 'PUT' && !r.path.includes('/updateStrategies/')) || (r.method === 'POST' && r.path.endsWith('/start')))
    .map((r) => `${r.method} ${r.path.split('/updateRuns/')[1] ?? r.path}`);

async function reconcileUntil(w: ReleaseTestWorld, done: (state: string) => boolean, maxMinutes = 60): Promise<string> {
  let state = await runState(w);
  for (let minute = 0; minute < maxMinutes && !done(state); minute++) {
    await advanceClock(w.emulator, 60);
    await w.services.reconcileAllFleets(w.log);
    state = await runState(w);
  }
  return state;
}


interface Cause {
  readonly name: string;
  readonly scenario?: Parameters<typeof startReleaseWorld>[1];
  /** Brings the started run to a stop (or failure) for this reason; returns the Fleet state it ends in. */
  readonly stop: (w: ReleaseTestWorld) => Promise<void>;
  readonly finalState: string;
  readonly hold: string;
}

const causes: Cause[] = [
  {
    name: 'a failed health gate',
    stop: async (w) => {
      await control(w.emulator, 'POST', '/_emulator/clusters/aks-dev-1/health', { notReadyNodes: 1 });
      await reconcileUntil(w, (s) => s === 'Stopped');
    },
    finalState: 'Stopped',
    hold: 'GateFailed',
  },
  {
    name: 'an operator stop through Conductor',
    stop: async (w) => {
      await advanceClock(w.emulator, 240); // dev upgraded, canary in flight
      expect(await w.services.stopRun('fleet-rel', RUN, { name: 'ops@contoso.com', reason: 'incident 42' })).toMatchObject({ kind: 'stopping' });
      await reconcileUntil(w, (s) => s === 'Stopped');
    },
    finalState: 'Stopped',
    hold: 'OperatorStopped',
  },
  {
    name: 'a stop made in Azure by someone else',
    stop: async (w) => {
      await advanceClock(w.emulator, 240);
      await w.fleet.stopUpdateRun(FLEET, RUN);
      await reconcileUntil(w, (s) => s === 'Stopped');
    },
    finalState: 'Stopped',
    hold: 'StoppedInAzure',
  },
  {
    name: 'a member failure',
    scenario: { failUpgrade: ['canary'] },
    stop: async (w) => {
      await reconcileUntil(w, (s) => s === 'Failed');
    },
    finalState: 'Failed',
    hold: 'MemberFailed',
  },
  {
    name: 'a run deleted in Azure',
    stop: async (w) => {
      await advanceClock(w.emulator, 240);
      await w.fleet.stopUpdateRun(FLEET, RUN);
      await reconcileUntil(w, (s) => s === 'Stopped');
      await w.services.reconcileAllFleets(w.log); // history records the run while Fleet still has it
      await w.fleetClient.updateRuns.delete('rg-fleet', 'fleet-rel', RUN, { updateIntervalInMs: 5 });
    },
    finalState: 'missing',
    hold: 'Deleted',
  },
];

type Trigger = readonly [name: string, fire: (w: ReleaseTestWorld, services: Services) => Promise<unknown>];
const triggers: readonly Trigger[] = [
  ['release poll', (w, s) => s.pollReleases(w.log)],
  ['AKS event', (w, s) => s.handleAksEvent(newVersionEvent('evt-after-stop', '1.33.5', '2026-11-21T12:00:00Z'), w.log)],
  ['reconcile tick', (w, s) => s.reconcileAllFleets(w.log)],
  ['host restart, then poll', (w) => w.restart().pollReleases(w.log)],
];

describe('safety invariant 2: a run stopped or failed for a reason is not started again without an operator', () => {
  it.each(causes)('$name → release poll, AKS event, reconcile tick, host restart: no start, no new run, one alert', async (cause) => {
    world = await startReleaseWorld({ channel: 'rapid' }, { ...cause.scenario }, true);
    const w = world;
    await advanceClock(w.emulator, 7300); // 1.33.4 in every region
    expect((await w.services.pollReleases(w.log)).fleets[0]?.outcome).toMatchObject({ kind: 'runStarted', runName: RUN, rule: 'NewRelease' });
    await cause.stop(w);
    expect(await runState(w)).toBe(cause.finalState);
    // A newer release is out everywhere: without the hold it would get a run of its own.
    await control(w.emulator, 'POST', '/_emulator/releases', { version: '1.33.5' });
    const before = await starts(w);
    expect(before).toEqual([`PUT ${RUN}`, `POST ${RUN}/start`]);

    for (const [name, fire] of triggers) {
      for (let tick = 0; tick < 2; tick++) {
        await advanceClock(w.emulator, 300);
        await fire(w, w.services);
        expect({ trigger: name, starts: await starts(w), state: await runState(w) }).toEqual({ trigger: name, starts: before, state: cause.finalState });
      }
    }
    expect((await w.fleet.listRunSnapshots(FLEET, 'fleet-rel', '')).map((r) => r.runName)).toEqual(cause.finalState === 'missing' ? [] : [RUN]);
    const evaluation = await w.store.getEvaluation(FLEET);
    expect(evaluation).toMatchObject({ outcome: 'blocked', runName: RUN });
    expect(evaluation?.reasons[0]?.message).toMatch(/resumes or abandons/);
    const [record] = await w.store.listRunRecords(FLEET);
    expect(record?.hold).toMatchObject({ cause: cause.hold });
    const held = (await w.audit.listAuditEvents(FLEET, RUN)).filter((e) => e.kind === 'RunHeld');
    expect(held).toHaveLength(1);
    // the alert went out once through the notification channel, whatever the number of triggers
    expect(w.log.lines.filter((l) => l.includes('[notifications]') && l.includes(`Run ${RUN} is held`))).toHaveLength(1);
  });
});
