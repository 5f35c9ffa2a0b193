import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { RunningEmulator } from '../../emulator/startEmulator';
import { parseConfig } from '../../src/config';
import { composeApp, type App, type CompositionOverrides } from '../../src/composition/composeApp';
import { staticCredential } from './emulatorControl';
import { fastForwardTime } from './fastForwardTime';

export interface EmulatorAppOptions {
  /** The Conductor configuration document (conductor.yaml's content, as an object). */
  readonly conductor: unknown;
  /** Table prefix: one per world, so worlds sharing Azurite never see each other's rows. */
  readonly tablePrefix: string;
  /** More app settings (they win over the world's defaults). */
  readonly settings?: Readonly<Record<string, string>>;
}

export interface EmulatorApp {
  /** The production composition over the emulator and Azurite; call again for a fresh process (a host restart). */
  compose(): App;
  readonly app: App;
  /** The app settings the composition was given. */
  readonly settings: Readonly<Record<string, string>>;
  /** Removes the Conductor configuration file. */
  dispose(): void;
}

/**
 * The app as production composes it (src/composition/composeApp.ts), with app settings pointing at the emulator
 * (ARM, Log Analytics, its CA) and Azurite; only the credential (a static token the emulator accepts) and the
 * clock (the emulator's virtual time) are given instead. The Conductor configuration is a file under the OS temp
 * directory, as CONDUCTOR_CONFIG_PATH names it in production.
 */
export function emulatorApp(emulator: RunningEmulator, options: EmulatorAppOptions, overrides: Pick<CompositionOverrides, 'adapters' | 'telemetry' | 'realTime'> = {}): EmulatorApp {
  const file = path.join(os.tmpdir(), `fleet-conductor-test-config-${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify(options.conductor));
  const settings: Record<string, string> = {
    AzureWebJobsStorage: inject('azuriteConnectionString'),
    CONDUCTOR_TABLE_PREFIX: options.tablePrefix,
    CONDUCTOR_CONFIG_PATH: file,
    ARM_ENDPOINT: emulator.url,
    LOGS_ENDPOINT: `${emulator.url}/v1`,
    AZURE_CA_FILE: emulator.caFile,
    // The api-version the emulator's gate tests were written against; production's default is 2026-06-01.
    FLEET_API_VERSION: '2026-03-02-preview',
    ARM_POLL_INTERVAL_IN_MS: '5',
    // The local host is the principal source of these worlds (it strips client-sent principal headers).
    CONDUCTOR_PRINCIPAL_SOURCE: 'localDevelopment',
    ...options.settings,
  };
  const config = parseConfig(settings);
  const clock = { nowIso: () => emulator.control.sim.nowIso() };
  const compose = (): App => composeApp(config, { clock, credential: staticCredential, realTime: fastForwardTime(), ...overrides });
  return { compose, app: compose(), settings, dispose: () => rmSync(file, { force: true }) };
}

/** A table prefix unique to one world (letters and digits, as Azure table names require). */
export const uniquePrefix = (letter: string): string => `${letter}${randomUUID().replace(/-/g, '').slice(0, 12)}`;

