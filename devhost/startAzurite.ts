/**
 * Starts Azurite's Table service in this process on a random loopback port: in memory, or on disk under `location`
 * (`npm start -- --data <dir>`). On disk, Azurite (LokiJS) saves every 5 s and on a clean stop, so the process that
 * holds it must stop cleanly (or lose up to 5 s of writes); that is why `--world-only` keeps it out of the host.
 * Azurite's package main is its VS Code extension (it requires 'vscode'), so the server classes are loaded
 * by their dist paths; 3.35.0 is the last release that supports Node 20 (see docs/local-runtime.md §2).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/** The well-known Azurite development account (public, documented by Microsoft; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  /** e.g. http://127.0.0.1:43571 */
  readonly tableEndpoint: string;
  /** Connection string accepted by @azure/data-tables and by AzureWebJobsStorage. */
  readonly connectionString: string;
  stop(): Promise<void>;
}

interface AzuriteTableServer {
  start(): Promise<void>;
  close(): Promise<void>;
  clean(): Promise<void>;
  getHttpServerAddress(): string;
}
type TableServerCtor = new (config: unknown) => AzuriteTableServer;
type TableConfigurationCtor = new (...args: unknown[]) => unknown;

export async function startAzurite(options: { port?: number; host?: string; location?: string } = {}): Promise<RunningAzurite> {
  const requireFromHere = createRequire(__filename);
  const TableServer = (requireFromHere('azurite/dist/src/table/TableServer') as { default: TableServerCtor }).default;
  const TableConfiguration = (requireFromHere('azurite/dist/src/table/TableConfiguration') as { default: TableConfigurationCtor })
    .default;
  const host = options.host ?? '127.0.0.1';
  const location = options.location === undefined ? undefined : path.resolve(options.location);
  if (location !== undefined) fs.mkdirSync(location, { recursive: true });
  const config = new TableConfiguration(
    host,
    options.port ?? 0,
    5, // keep-alive seconds
    location === undefined ? 'azurite-table-unused.json' : path.join(location, '__azurite_db_table__.json'), // metadata path
    false, // debug log
    false, // access log
    undefined,
    undefined,
    true, // loose
    true, // skipApiVersionCheck: the SDK may be newer than this Azurite
    '',
    '',
    '',
    undefined,
    true, // disableProductStyleUrl: path-style account URLs on 127.0.0.1
    location === undefined, // in-memory persistence unless a location is given
  );
  const server = new TableServer(config);
  await server.start();
  const tableEndpoint = server.getHttpServerAddress();
  const connectionString =
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
    `TableEndpoint=${tableEndpoint}/${AZURITE_ACCOUNT};`;
  let stopped = false;
  return {
    tableEndpoint,
    connectionString,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close(); // saves the database when it is on disk
      if (location === undefined) await server.clean();
    },
  };
}
