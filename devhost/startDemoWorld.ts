import { startEmulator, type RunningEmulator } from '../emulator/startEmulator';
import { loadScenario } from '../emulator/scenario/loadScenario';
import type { Scenario } from '../emulator/scenario/scenarioTypes';
// The app's composition root offers the two hooks a host needs: its configuration check and its source of time.
import { useClock } from '../src/composition';
import { configurationProblems } from '../src/composition/configurationProblems';
import { startLocalWorld, DEFAULT_HOST_PORT, type LocalWorld } from './startLocalWorld';
import { defaultOrigins, rebaseUrl } from './rebaseLocalUrls';
import type { HostLog } from './hostLog';

export interface DemoWorldOptions {
  readonly rootDir: string;
  /** Scenario name under scenarios/ or a path. */
  readonly scenario: string;
  readonly port: number;
  readonly emulatorPort: number;
  /** Virtual seconds per real second; undefined → the scenario's. */
  readonly speed?: number;
  readonly caFile: string;
  readonly log: HostLog;
  /** Tests load the app from source; npm start from dist (package.json "main"). */
  readonly appFiles?: readonly string[];
  readonly load?: (file: string) => Promise<unknown>;
  readonly settings?: Readonly<Record<string, string>>;
  /** Azurite's tables on disk here (`--data`); default in memory. */
  readonly azuriteLocation?: string;
  /** The emulator's world on disk here (`--data`): continued when it exists; default in memory. */
  readonly worldFile?: string;
}

export interface DemoWorld extends LocalWorld {
  readonly azure: RunningEmulator;
}

/**
 * `npm start`'s world: Azurite, the emulator with a scenario, and the app under the local host, all on the
 * emulator's virtual clock, with the scenario's Event Grid subscriptions pointing at the host's actual port.
 */
export async function startDemoWorld(options: DemoWorldOptions): Promise<DemoWorld> {
  let azure: RunningEmulator | undefined;
  const world = await startLocalWorld({
    rootDir: options.rootDir,
    port: options.port,
    log: options.log,
    ...(options.appFiles ? { appFiles: options.appFiles } : {}),
    ...(options.load ? { load: options.load } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.azuriteLocation ? { azuriteLocation: options.azuriteLocation } : {}),
    checkConfiguration: configurationProblems,
    useAppClock: useClock,
    startEmulator: async (hostUrl) => {
      const scenario = withHostUrl(loadScenario(options.scenario), hostUrl);
      azure = await startEmulator({
        scenario,
        port: options.emulatorPort,
        caFile: options.caFile,
        ...(options.speed === undefined ? {} : { speed: options.speed }),
        ...(options.worldFile === undefined ? {} : { worldFile: options.worldFile }),
      });
      const running = azure;
      return { ...running, nowMs: () => running.control.sim.nowMs(), speed: () => running.control.sim.clock.speed };
    },
  });
  if (!azure) throw new Error('the emulator did not start');
  return { ...world, azure };
}

/** The scenario's Event Grid subscriptions name the host's default port; they must reach this host. */
export function withHostUrl(scenario: Scenario, hostUrl: string): Scenario {
  const moves = [{ from: defaultOrigins(DEFAULT_HOST_PORT), to: hostUrl }];
  return {
    ...scenario,
    eventGrid: { ...scenario.eventGrid, subscriptions: scenario.eventGrid.subscriptions.map((s) => ({ ...s, endpoint: rebaseUrl(s.endpoint, moves) })) },
  };
}
