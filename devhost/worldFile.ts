import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a world started with `--world-only` can be reached, written to `<data>/world.json` for `--host-only` starts.
 * Nothing secret beyond the local world's own: the well-known Azurite key and the emulator's per-start CA.
 */
export interface WorldFile {
  /** The host URL the emulator's Event Grid subscriptions deliver to (the host-only start listens there). */
  readonly hostUrl: string;
  readonly emulatorUrl: string;
  readonly caFile: string;
  readonly identityEndpoint: string;
  readonly identityHeader: string;
  /** Azurite's connection string (AzureWebJobsStorage). */
  readonly storage: string;
  /** The world's process, for people and scripts that want to stop it. */
  readonly pid: number;
}

export const worldFilePath = (dataDir: string): string => path.join(path.resolve(dataDir), 'world.json');

/** Where `--data` keeps the emulator's world (fleets, runs, gates, clusters, the virtual clock): see emulator/persist. */
export const emulatorWorldFile = (dataDir: string): string => path.join(path.resolve(dataDir), 'emulator-world.json');

export function writeWorldFile(dataDir: string, world: WorldFile): void {
  fs.mkdirSync(path.resolve(dataDir), { recursive: true });
  fs.writeFileSync(worldFilePath(dataDir), `${JSON.stringify(world, null, 2)}\n`);
}

/** The world a host-only start joins; a clear error when none was started with this --data. */
export function readWorldFile(dataDir: string): WorldFile {
  const file = worldFilePath(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new WorldFileError(`No running world in ${path.resolve(dataDir)} (${file} is missing): start one with npm start -- --world-only --data ${dataDir}`);
  }
  const parsed = JSON.parse(text) as Partial<WorldFile>;
  for (const key of ['hostUrl', 'emulatorUrl', 'caFile', 'identityEndpoint', 'identityHeader', 'storage'] as const) {
    if (typeof parsed[key] !== 'string' || parsed[key] === '') throw new WorldFileError(`${file} has no "${key}"; start the world again with --world-only`);
  }
  return parsed as WorldFile;
}

export function removeWorldFile(dataDir: string): void {
  fs.rmSync(worldFilePath(dataDir), { force: true });
}

/** A world file that is missing or unusable: said in one line, nothing started. */
export class WorldFileError extends Error {}
