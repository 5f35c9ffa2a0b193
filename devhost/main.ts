/**
 * `npm start`: the local world — Azurite, the Azure emulator loaded with a scenario, and the app under the local
 * Functions host — as one process. Ctrl+C (SIGINT) or SIGTERM shuts everything down cleanly.
 *
 *   node dist/devhost/main.js [--no-story] [--scenario demo] [--port 7071] [--emulator-port 9443]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalWorld } from './startLocalWorld';
import { consoleHostLog } from './hostLog';
import { startEmulator } from '../emulator/startEmulator';
import { loadScenario } from '../emulator/scenario/loadScenario';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'no-story': { type: 'boolean', default: false },
      scenario: { type: 'string', default: 'demo' },
      port: { type: 'string', default: '7071' },
      'emulator-port': { type: 'string', default: '9443' },
    },
    strict: true,
  });
  const port = Number(values.port);
  const emulatorPort = Number(values['emulator-port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got "${values.port}"`);
  if (!Number.isInteger(emulatorPort) || emulatorPort < 0 || emulatorPort > 65535) {
    throw new Error(`--emulator-port must be a port number, got "${values['emulator-port']}"`);
  }
  // Compiled to dist/devhost/main.js; the project root is two levels up.
  const rootDir = path.resolve(__dirname, '..', '..');
  const world = await startLocalWorld({
    rootDir,
    port,
    log: consoleHostLog,
    // The app reads the real clock, as in Azure; the emulated Azure must live on the same clock, or health checks
    // would query windows the simulation has not reached (or has long left). So: start now, at real speed.
    startEmulator: () =>
      startEmulator({
        scenario: { ...loadScenario(values.scenario), startTime: new Date().toISOString() },
        speed: 1,
        port: emulatorPort,
        caFile: path.join(rootDir, '.local', 'emulator-ca.pem'),
      }),
  });
  consoleHostLog(`Fleet Conductor is running. Try: curl ${world.hostUrl}/api/health`);
  if (!values['no-story']) consoleHostLog('The scripted demo story is not built yet; the world stays up for exploration.');

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    consoleHostLog(`${signal} received, shutting down`);
    world.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
