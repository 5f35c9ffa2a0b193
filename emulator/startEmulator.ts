import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmulatorCore } from './emulatorCore';
import { emulatorCertificates } from './http/certificates';
import { startEmulatorServer } from './http/emulatorServer';
import { startIdentityServer } from './http/identityServer';
import { repoRoot } from './scenario/loadScenario';

export interface EmulatorOptions {
  /** Name under scenarios/, a path, or an already parsed scenario object. */
  scenario: string | object;
  /** Default 9443; 0 = random. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Where to write the CA PEM; default <repo>/.local/emulator-ca.pem. */
  caFile?: string;
  /** Virtual seconds per real second; overrides the scenario's `speed` (0 = frozen, advance via the clock API). */
  speed?: number;
  /**
   * Where the world is kept (e.g. `<data>/emulator-world.json`): loaded at start when it exists (the same scenario
   * only), saved while running and on stop. Default: in memory only.
   */
  worldFile?: string;
}

export interface RunningEmulator {
  /** https://127.0.0.1:PORT */
  url: string;
  caPem: string;
  caFile: string;
  /** http://127.0.0.1:P/msi/token (plain http like App Service). */
  identityEndpoint: string;
  identityHeader: string;
  /** In-process access to the same state the control API serves. */
  control: EmulatorCore;
  stop(): Promise<void>;
}

/** Starts the HTTPS emulator (ARM, Log Analytics, sinks, control API) and the managed-identity endpoint. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const certs = await emulatorCertificates();
  const core = new EmulatorCore(options.scenario, certs.caPem, options.speed, options.worldFile);
  const caFile = options.caFile ?? path.join(repoRoot(), '.local', 'emulator-ca.pem');
  mkdirSync(path.dirname(caFile), { recursive: true });
  writeFileSync(caFile, certs.caPem);
  const server = await startEmulatorServer(core, { key: certs.serverKey, cert: certs.serverCert }, host, options.port ?? 9443);
  const identity = await startIdentityServer(host, core.requests, () => core.sim.nowIso());
  return {
    url: server.url,
    caPem: certs.caPem,
    caFile,
    identityEndpoint: identity.endpoint,
    identityHeader: identity.header,
    control: core,
    stop: async () => {
      await core.stop();
      await Promise.all([server.close(), identity.close()]);
      // The CA is per start (a new key each time): a stale file would only mislead the next reader.
      rmSync(caFile, { force: true });
    },
  };
}
