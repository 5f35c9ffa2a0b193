import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startAzurite, type RunningAzurite } from './startAzurite';
import { readLocalSettings, readRoutePrefix } from './localSettings';
import { expandMainGlob, loadFunctionApp } from './loadFunctionApp';
import { FunctionHost } from './FunctionHost';
import type { DevPrincipal } from './clientPrincipal';
import { consoleHostLog, type HostLog } from './hostLog';

/** What the local world needs from the emulator (emulator/startEmulator.ts provides it). */
export interface LocalEmulator {
  readonly url: string;
  readonly caFile: string;
  readonly identityEndpoint: string;
  readonly identityHeader: string;
  stop(): Promise<void>;
}

export interface LocalWorldOptions {
  readonly rootDir: string;
  /** Host port; 0 picks a free one. Default 7071 like Core Tools. */
  readonly port?: number;
  /** Entry modules to load; default: package.json "main" expanded under rootDir. */
  readonly appFiles?: readonly string[];
  readonly load?: (file: string) => Promise<unknown>;
  /** Starts the Azure emulator; omitted → settings must point at real or already running endpoints. */
  readonly startEmulator?: () => Promise<LocalEmulator>;
  /** Extra settings that win over local.settings.json (e.g. from tests). */
  readonly settings?: Readonly<Record<string, string>>;
  readonly log?: HostLog;
  readonly allowPrincipalOverride?: boolean;
}

export interface LocalWorld {
  readonly hostUrl: string;
  readonly host: FunctionHost;
  readonly azurite: RunningAzurite | undefined;
  readonly emulator: LocalEmulator | undefined;
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

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    let azurite: RunningAzurite | undefined;
    const storage = settings.AzureWebJobsStorage;
    if (storage === undefined || storage === '' || storage === 'UseDevelopmentStorage=true') {
      azurite = await startAzurite();
      stops.push(() => azurite?.stop() ?? Promise.resolve());
      settings.AzureWebJobsStorage = azurite.connectionString;
      log(`Azurite Table service at ${azurite.tableEndpoint}`);
    }
    let emulator: LocalEmulator | undefined;
    if (options.startEmulator) {
      emulator = await options.startEmulator();
      stops.push(() => emulator?.stop() ?? Promise.resolve());
      Object.assign(settings, {
        ARM_ENDPOINT: emulator.url,
        LOGS_ENDPOINT: `${emulator.url}/v1`,
        AZURE_CA_FILE: emulator.caFile,
        IDENTITY_ENDPOINT: emulator.identityEndpoint,
        IDENTITY_HEADER: emulator.identityHeader,
      });
      log(`Azure emulator at ${emulator.url} (CA: ${emulator.caFile})`);
    }
    // The local host strips client-sent principal headers and injects its own (FunctionHost), so it is the trusted
    // principal source here; it says so explicitly, as App Service authentication would be named in Azure.
    if (devPrincipal(settings) !== undefined || options.allowPrincipalOverride === true) settings.CONDUCTOR_PRINCIPAL_SOURCE ??= 'localDevelopment';
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
    const principal = devPrincipal(settings);
    const host = new FunctionHost({
      functions,
      settings,
      log,
      routePrefix: readRoutePrefix(options.rootDir),
      ...(principal ? { principal } : {}),
      ...(options.allowPrincipalOverride ? { allowPrincipalOverride: true } : {}),
    });
    const hostUrl = await host.listen(options.port ?? 7071);
    stops.push(() => host.close());
    return { hostUrl, host, azurite, emulator, settings, stop: stopAll };
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
