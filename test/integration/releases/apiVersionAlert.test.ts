import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock, armRequests, control } from '../../support/emulatorControl';
import { FLEET, startReleaseWorld, type ReleaseTestWorld } from './releaseWorld';

/** The node-image api-version Conductor uses by default (AKS_NODE_IMAGE_API_VERSION). */
const NODE_IMAGE_API = '2026-08-02-preview';

let world: ReleaseTestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const apiVersionAlerts = async (w: ReleaseTestWorld) =>
  (await w.outbox.listDue('2999-01-01T00:00:00Z', 100)).filter((m) => m.payload.reason === 'ApiVersionUnsupported');

describe('node-image discovery on a retired api-version, through the production composition', () => {
  it('a Kubernetes release still gets its run; the refusal is alerted once (one notification, one read per region per poll)', async () => {
    world = await startReleaseWorld({ channel: 'rapid' });
    await control(world.emulator, 'POST', '/_emulator/api-versions', { retired: [NODE_IMAGE_API] });
    await advanceClock(world.emulator, 7300); // 1.33.4 in every region
    const before = (await armRequests(world.emulator, '/nodeImageVersions')).length;

    const summary = await world.services.pollReleases(world.log);
    expect(summary.fleets[0]).toMatchObject({ fleet: 'fleet-rel', outcome: { kind: 'runStarted', runName: 'k8s-1-33-4' } });
    expect((await world.fleet.getUpdateRun(FLEET, 'k8s-1-33-4'))?.state).not.toBe('NotStarted');

    // Azure answered 400 NoRegisteredProviderFound; the app read each region once, shared across the evaluation's two reads.
    const reads = (await armRequests(world.emulator, '/nodeImageVersions')).slice(before);
    expect(reads.map((r) => r.status)).toEqual([400, 400, 400]);
    const alerts = await apiVersionAlerts(world);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ channel: 'notifications', payload: { severity: 'error', reason: 'ApiVersionUnsupported', message: expect.stringContaining(`api-version ${NODE_IMAGE_API}`) as string } });
    expect(world.log.lines.filter((l) => l.startsWith('warn Fleet fleet-rel: nodeImageVersions could not be read'))).toHaveLength(1);

    // The next poll: the run is active, the alert is not repeated (one per api-version and day).
    await world.services.pollReleases(world.log);
    expect(await apiVersionAlerts(world)).toHaveLength(1);
  });

  it('a node-image release is an error with the alert, never "nothing available": no evaluation recorded, no run', async () => {
    world = await startReleaseWorld({ channel: 'nodeimage' });
    await control(world.emulator, 'POST', '/_emulator/api-versions', { retired: [NODE_IMAGE_API] });
    const summary = await world.services.pollReleases(world.log);
    expect(summary.fleets[0]?.outcome).toBeUndefined();
    expect(summary.fleets[0]?.error).toMatch(new RegExp(`api-version ${NODE_IMAGE_API}.*NoRegisteredProviderFound`));
    expect(await world.store.getEvaluation(FLEET)).toBeUndefined();
    expect(await world.runWrites()).toEqual([]);
    expect(await apiVersionAlerts(world)).toHaveLength(1);

    // Retirement lifted (the setting names a live version again): node images are read and the fleet evaluated.
    await control(world.emulator, 'POST', '/_emulator/api-versions', { retired: [] });
    await advanceClock(world.emulator, 61); // past the window in which the refusal is shared
    expect((await world.services.pollReleases(world.log)).fleets[0]?.error).toBeUndefined();
    expect(await world.store.getEvaluation(FLEET)).toBeDefined();
  });
});
