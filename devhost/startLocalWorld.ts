import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startAzurite, type RunningAzurite } from './startAzurite';
import { readLocalSettings, readRoutePrefix } from './localSettings';
import { expandMainGlob, loadFunctionApp } from './loadFunctionApp';
import { FunctionHost } from './FunctionHost';
import type { DevPrincipal } from './clientPrincipal';
import { consoleHostLog, type HostLog } from './hostLog';
import { claimPort } from './freePort';
import { defaultOrigins, rebaseSettings, type OriginMove } from './rebaseLocalUrls';
import { appClockOn, schedulerClockOn, type WorldClock } from './worldClock';

/** What the local world needs from the emulator (emulator/startEmulator.ts provides it). */
export interface LocalEmulator {
  readonly url: string;
  readonly caFile: string;
  readonly identityEndpoint: string;
  readonly identityHeader: string;
  /** The emulator's virtual clock (epoch ms); when given, the app and the host's timers live on it too. */
  nowMs?(): number;
  /** The virtual clock's speed (virtual seconds per real second). */
  speed?(): number;
  stop(): Promise<void>;
}

/** Settings or configuration the app cannot run with: the world does not come up. */
export class WorldConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The app is not configured correctly (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'WorldConfigurationError';
  }
}

/** Where settings and scenarios point by default (Core Tools' port, the emulator's port). */
export const DEFAULT_HOST_PORT = 7071;
export const DEFAULT_EMULATOR_PORT = 9443;

export interface LocalWorldOptions {
  readonly rootDir: string;
  /** Host port; 0 picks a free one. Default 7071 like Core Tools. */
  readonly port?: number;
  /** Entry modules to load; default: package.json "main" expanded under rootDir. */
  readonly appFiles?: readonly string[];
  readonly load?: (file: string) => Promise<unknown>;
  /**
   * Starts the Azure emulator, given the host's URL (for its Event Grid subscriptions); omitted → settings must point
   * at real or already running endpoints.
   */
  readonly startEmulator?: (hostUrl: string) => Promise<LocalEmulator>;
  /**
   * Hands the app its source of time (the app's composition root offers the hook) before the first invocation.
   * Called only when the emulator has a clock: then the app, the host's timers and the emulated Azure share it.
   */
  readonly useAppClock?: (clock: { nowIso(): string }) => void;
  /** Every problem of the settings the app would run with; any → nothing starts (WorldConfigurationError). */
  readonly checkConfiguration?: (settings: Readonly<Record<string, string>>) => readonly string[];
  /** Extra settings that win over local.settings.json (e.g. from tests). */
  readonly settings?: Readonly<Record<string, string>>;
  readonly log?: HostLog;
  readonly allowPrincipalOverride?: boolean;
  /** Where the Azurite this world starts keeps its tables (`--data`); default: in memory. */
  readonly azuriteLocation?: string;
}

export interface LocalWorld {
  readonly hostUrl: string;
  readonly host: FunctionHost;
  readonly azurite: RunningAzurite | undefined;
  readonly emulator: LocalEmulator | undefined;
  /** The world's time (the emulator's virtual clock when it has one, else the system clock). */
  readonly clock: WorldClock;
  /** Settings the app runs with (after local services were started). */
  readonly settings: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

function devPrincipal(settings: Readonly<Record<string, string | undefined>>): DevPrincipal | undefined {
  const name = settings.DEVHOST_PRINCIPAL_NAME;
  if (!name) return undefined;
  const list = (v: string | undefined): string[] => (v ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return {
    name,
    objectId: settings.DEVHOST_PRINCIPAL_ID ?? '00000000-0000-0000-0000-000000000001',
    roles: list(settings.DEVHOST_PRINCIPAL_ROLES),
    groups: list(settings.DEVHOST_PRINCIPAL_GROUPS),
  };
}

/**
 * Brings up what `func start` would, plus the local stand-ins for Azure: Azurite (when AzureWebJobsStorage asks for
 * development storage), the emulator, and the host serving the app's real registrations. Settings are exported to
 * process.env before the app loads, as Core Tools does for the worker.
 */
export async function startLocalWorld(options: LocalWorldOptions): Promise<LocalWorld> {
  const log = options.log ?? consoleHostLog;
  const local = readLocalSettings(options.rootDir);
  log(`App settings from ${local.source}`);
  const settings: Record<string, string> = { ...local.values };
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k in settings) settings[k] = v;
  Object.assign(settings, options.settings ?? {});

  // The local host strips client-sent principal headers and injects its own (FunctionHost), so it is the trusted
  // principal source here; it says so explicitly, as App Service authentication would be named in Azure.
  if (devPrincipal(settings) !== undefined || options.allowPrincipalOverride === true) settings.CONDUCTOR_PRINCIPAL_SOURCE ??= 'localDevelopment';
  const storage = settings.AzureWebJobsStorage;
  const useAzurite = storage === undefined || storage === '' || storage === 'UseDevelopmentStorage=true';
  if (options.checkConfiguration) {
    // Checked as the app will see them: development storage stands for the Azurite this world is about to start.
    const problems = options.checkConfiguration(useAzurite ? { ...settings, AzureWebJobsStorage: 'UseDevelopmentStorage=true' } : settings);
    if (problems.length > 0) throw new WorldConfigurationError(problems);
  }
  const port = await claimPort(options.port ?? DEFAULT_HOST_PORT, '--port');
  const hostUrl = `http://127.0.0.1:${port}`;

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    let azurite: RunningAzurite | undefined;
    if (useAzurite) {
      azurite = await startAzurite(options.azuriteLocation === undefined ? {} : { location: options.azuriteLocation });
      stops.push(() => azurite?.stop() ?? Promise.resolve());
      settings.AzureWebJobsStorage = azurite.connectionString;
      log(`Azurite Table service at ${azurite.tableEndpoint}`);
    }
    const moves: OriginMove[] = [];
    if (port !== DEFAULT_HOST_PORT) moves.push({ from: defaultOrigins(DEFAULT_HOST_PORT), to: hostUrl });
    let emulator: LocalEmulator | undefined;
    if (options.startEmulator) {
      emulator = await options.startEmulator(hostUrl);
      stops.push(() => emulator?.stop() ?? Promise.resolve());
      if (new URL(emulator.url).port !== String(DEFAULT_EMULATOR_PORT)) moves.push({ from: defaultOrigins(DEFAULT_EMULATOR_PORT), to: emulator.url });
      Object.assign(settings, rebaseSettings(settings, moves), {
        ARM_ENDPOINT: emulator.url,
        LOGS_ENDPOINT: `${emulator.url}/v1`,
        AZURE_CA_FILE: emulator.caFile,
        IDENTITY_ENDPOINT: emulator.identityEndpoint,
        IDENTITY_HEADER: emulator.identityHeader,
      });
      log(`Azure emulator at ${emulator.url} (CA: ${emulator.caFile})`);
    } else {
      Object.assign(settings, rebaseSettings(settings, moves));
    }
    const emulatorClock = emulator?.nowMs?.bind(emulator);
    const emulatorSpeed = emulator?.speed?.bind(emulator);
    const clock: WorldClock = emulatorClock ? { nowMs: emulatorClock, ...(emulatorSpeed ? { speed: emulatorSpeed } : {}) } : { nowMs: () => Date.now() };
    // The worker sees app settings as environment variables; credentials read IDENTITY_* from there too.
    const previousEnv = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
    Object.assign(process.env, settings);
    stops.push(() => {
      for (const [k, v] of Object.entries(previousEnv)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      return Promise.resolve();
    });

    const files = options.appFiles ?? expandMainGlob(options.rootDir, readMain(options.rootDir));
    // Compiled entry files are CommonJS modules; the worker loads them with require as well.
    const requireApp = createRequire(path.join(options.rootDir, 'package.json'));
    const load = options.load ?? ((file: string) => Promise.resolve(requireApp(file) as unknown));
    const functions = await loadFunctionApp(files, load);
    if (emulatorClock) options.useAppClock?.(appClockOn(clock));
    const principal = devPrincipal(settings);
    const host = new FunctionHost({
      functions,
      settings,
      log,
      routePrefix: readRoutePrefix(options.rootDir),
      ...(principal ? { principal } : {}),
      ...(options.allowPrincipalOverride ? { allowPrincipalOverride: true } : {}),
      ...(emulatorClock ? { timers: schedulerClockOn(clock) } : {}),
    });
    await host.listen(port);
    stops.push(() => host.close());
    return { hostUrl, host, azurite, emulator, clock, settings, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function readMain(rootDir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { main?: unknown };
  if (typeof pkg.main !== 'string') throw new Error('package.json has no "main" naming the function entry files');
  return pkg.main;
}
