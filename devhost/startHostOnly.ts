import fs from 'node:fs';
import { useClock } from '../src/composition';
import { configurationProblems } from '../src/composition/configurationProblems';
import { remoteWorldClock } from './remoteWorldClock';
import { startLocalWorld, type LocalWorld } from './startLocalWorld';
import type { HostLog } from './hostLog';
import { readWorldFile, type WorldFile } from './worldFile';

export interface HostOnlyOptions {
  readonly rootDir: string;
  readonly dataDir: string;
  readonly log: HostLog;
}

/**
 * `npm start -- --host-only --data <dir>`: only the app under the local host, against the world a `--world-only`
 * start keeps running (read from `<dir>/world.json`): its Azurite for state, its emulator for Azure, its virtual
 * clock for time. The host holds no state of its own, so killing it (even SIGKILL) and starting it again continues
 * on the same tables while the world went on.
 */
export async function startHostOnly(options: HostOnlyOptions): Promise<LocalWorld & { readonly world: WorldFile }> {
  const world = readWorldFile(options.dataDir);
  const caPem = fs.readFileSync(world.caFile, 'utf8');
  const clock = await remoteWorldClock(world.emulatorUrl, caPem);
  const local = await startLocalWorld({
    rootDir: options.rootDir,
    port: Number(new URL(world.hostUrl).port),
    log: options.log,
    settings: { AzureWebJobsStorage: world.storage },
    checkConfiguration: configurationProblems,
    useAppClock: useClock,
    startEmulator: () =>
      Promise.resolve({
        url: world.emulatorUrl,
        caFile: world.caFile,
        identityEndpoint: world.identityEndpoint,
        identityHeader: world.identityHeader,
        nowMs: () => clock.nowMs(),
        speed: () => clock.speed?.() ?? 1,
        // The world is not this process's to stop.
        stop: () => {
          clock.stop();
          return Promise.resolve();
        },
      }),
  });
  return { ...local, world };
}
