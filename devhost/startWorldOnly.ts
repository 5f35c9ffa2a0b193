import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/startEmulator';
import { loadScenario } from '../emulator/scenario/loadScenario';
import { startAzurite, type RunningAzurite } from './startAzurite';
import { withHostUrl } from './startDemoWorld';
import { emulatorWorldFile, removeWorldFile, writeWorldFile, type WorldFile } from './worldFile';

export interface WorldOnlyOptions {
  readonly dataDir: string;
  readonly scenario: string;
  /** The port the host-only start will listen on (the scenario's Event Grid subscriptions deliver there). */
  readonly hostPort: number;
  readonly emulatorPort: number;
  readonly speed?: number;
}

export interface WorldOnly {
  readonly file: WorldFile;
  readonly azurite: RunningAzurite;
  readonly azure: RunningEmulator;
  stop(): Promise<void>;
}

/**
 * `npm start -- --world-only --data <dir>`: the cloud half of the local world — Azurite with its tables on disk under
 * `<dir>/azurite` and the emulator with the scenario, its world kept in `<dir>/emulator-world.json` — and `<dir>/world.json` saying where they are, so that the
 * host can run (and be killed and restarted) in another process while the world and its clock go on.
 */
export async function startWorldOnly(options: WorldOnlyOptions): Promise<WorldOnly> {
  const dataDir = path.resolve(options.dataDir);
  const azurite = await startAzurite({ location: path.join(dataDir, 'azurite') });
  const hostUrl = `http://127.0.0.1:${options.hostPort}`;
  let azure: RunningEmulator;
  try {
    const scenario = withHostUrl(loadScenario(options.scenario), hostUrl);
    azure = await startEmulator({
      scenario,
      port: options.emulatorPort,
      caFile: path.join(dataDir, 'emulator-ca.pem'),
      worldFile: emulatorWorldFile(dataDir),
      ...(options.speed === undefined ? {} : { speed: options.speed }),
    });
  } catch (error) {
    await azurite.stop();
    throw error;
  }
  const file: WorldFile = {
    hostUrl,
    emulatorUrl: azure.url,
    caFile: azure.caFile,
    identityEndpoint: azure.identityEndpoint,
    identityHeader: azure.identityHeader,
    storage: azurite.connectionString,
    pid: process.pid,
  };
  writeWorldFile(dataDir, file);
  return {
    file,
    azurite,
    azure,
    stop: async () => {
      removeWorldFile(dataDir);
      await azure.stop();
      await azurite.stop(); // saves the tables
    },
  };
}
