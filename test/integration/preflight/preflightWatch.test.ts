import { afterEach, describe, expect, it } from 'vitest';
import { PreflightWatch } from '../../../src/app/preflight/PreflightWatch';
import { getFleetView } from '../../../src/app/fleets/getFleetView';
import { renderFleetPage } from '../../../src/views/renderFleetPage';
import { advanceClock, armRequests, control } from '../../support/emulatorControl';
import { InMemoryPreflightStore } from '../../support/fakes/InMemoryPreflightStore';
import { InMemoryReleaseStore } from '../../support/fakes/InMemoryReleaseStore';
import { InMemoryAuditLog } from '../../support/fakes/InMemoryAuditLog';
import { preflightScenario, startPreflightWorld, type PreflightWorld } from './preflightWorld';

const log = { info: () => undefined, warn: () => undefined };

describe('the reconcile timer runs the preflight at startup and after a configuration change, and the fleet view shows it', () => {
  let world: PreflightWorld | undefined;
  afterEach(async () => {
    await world?.emulator.stop();
    world = undefined;
  });

  it('runs at most one fleet\'s preflight per tick, so a start with many fleets spreads its ARM reads over ticks', async () => {
    world = await startPreflightWorld(preflightScenario([{ name: 'dev-1', group: 'dev', resourceGroup: 'rg-aks-a' }]));
    const fleet = world.deps.config.fleets[0]!;
    // A second fleet Conductor is configured for (its own id); this test only counts which fleet each tick reads.
    const second = { ...fleet, name: 'fleet-pre-two', fleetId: fleet.fleetId.replace(/fleet-pre$/, 'fleet-pre-two') };
    const deps = { ...world.deps, config: { ...world.deps.config, fleets: [fleet, second] }, store: new InMemoryPreflightStore(), configHash: 'hash-1', refreshHours: 24 };
    const watch = new PreflightWatch();
    const fleetsRead = async (): Promise<string[]> => [...new Set((await armRequests(world!.emulator)).flatMap((r) => (/fleets\/(fleet-pre(?:-two)?)(\/|$|\?)/i.exec(r.path) ?? []).slice(1, 2)))];

    await control(world.emulator, 'DELETE', '/_emulator/requests');
    expect((await watch.tick(deps, log)).map((r) => r.fleet)).toEqual(['fleet-pre']);
    expect(await fleetsRead()).not.toContain('fleet-pre-two');
    await control(world.emulator, 'DELETE', '/_emulator/requests');
    await watch.tick(deps, log); // the second fleet's turn (its report or its failure)
    expect(await fleetsRead()).not.toContain('fleet-pre');
    await control(world.emulator, 'DELETE', '/_emulator/requests');
    expect(await watch.tick(deps, log)).toEqual([]);
    expect(await armRequests(world.emulator)).toEqual([]);
  });

  it('startup runs it once, quiet ticks read nothing from ARM, a new config hash reruns it, a new process on a fresh complete report for its config does not', async () => {
    world = await startPreflightWorld(
      preflightScenario([
        { name: 'dev-1', group: 'dev', resourceGroup: 'rg-aks-a', maintenanceWindow: { startHourUtc: 2, durationHours: 4 } },
        { name: 'canary-1', group: 'canary', resourceGroup: 'rg-aks-a' },
        { name: 'prod-1', group: 'prod', resourceGroup: 'rg-aks-b' },
      ]),
    );
    await advanceClock(world.emulator, 600);
    const store = new InMemoryPreflightStore();
    const watch = new PreflightWatch();
    const deps = { ...world.deps, store, configHash: 'hash-1', refreshHours: 24 };

    expect(await watch.tick(deps, log)).toEqual([{ fleet: 'fleet-pre', trigger: 'startup', findings: 1 }]);
    await control(world.emulator, 'DELETE', '/_emulator/requests');
    for (let i = 0; i < 5; i++) {
      await advanceClock(world.emulator, 60);
      expect(await watch.tick(deps, log)).toEqual([]);
    }
    expect(await armRequests(world.emulator)).toEqual([]);

    // A new process (deployment) with another configuration: rerun at its first tick.
    expect(await new PreflightWatch().tick({ ...deps, configHash: 'hash-2' }, log)).toEqual([{ fleet: 'fleet-pre', trigger: 'configChanged', findings: 1 }]);
    // Another instance starting 5 minutes later with the same configuration: nothing.
    await advanceClock(world.emulator, 300);
    expect(await new PreflightWatch().tick({ ...deps, configHash: 'hash-2' }, log)).toEqual([]);
    // Nor one starting hours later while the stored report is complete and within PREFLIGHT_REFRESH_HOURS: no ARM read.
    await advanceClock(world.emulator, 5 * 3600);
    await control(world.emulator, 'DELETE', '/_emulator/requests');
    expect(await new PreflightWatch().tick({ ...deps, configHash: 'hash-2' }, log)).toEqual([]);
    expect(await armRequests(world.emulator)).toEqual([]);
    expect(store.puts.map((p) => p.trigger)).toEqual(['startup', 'configChanged']);

    const releases = new InMemoryReleaseStore();
    const view = await getFleetView({ config: world.deps.config, source: world.deps.source, releases, audit: new InMemoryAuditLog(), preflights: store }, 'fleet-pre');
    expect(view?.preflight?.trigger).toBe('configChanged');
    expect(view?.preflight?.report.findings.map((f) => [f.code, f.subject])).toEqual([['MaintenanceWindowClosed', 'dev-1']]);
    const page = renderFleetPage({ fleet: view!, fleets: ['fleet-pre'], runs: [], now: world.deps.clock.nowIso() });
    expect(page).toContain('id="preflight"');
    expect(page).toContain('MaintenanceWindowClosed');
    expect(page).toContain('after a configuration change');
  });
});
