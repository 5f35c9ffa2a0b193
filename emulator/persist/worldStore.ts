import fs from 'node:fs';
import path from 'node:path';
import type { SavedRequestLog } from '../control/requestLog';
import type { WebhookMessage } from '../sinks/webhookSink';
import type { SimulationState } from '../sim/simulation';
import { parseWithCollections, stringifyWithCollections } from './jsonWithCollections';

/** What a saved world holds (`<data>/emulator-world.json`). */
export interface SavedWorld {
  readonly format: typeof FORMAT;
  /** The scenario the world was built from: a start with another scenario does not continue it. */
  readonly scenario: string;
  /** Real time of the save (for people reading the file). */
  readonly savedAt: string;
  readonly sim: SimulationState;
  readonly requests: SavedRequestLog;
  readonly webhooks: readonly WebhookMessage[];
}

const FORMAT = 'fleet-conductor-emulator-world/1';

/** The request log a saved world keeps: the newest entries only, so a long session's file stays small. */
export const SAVED_REQUESTS = 20_000;

/** A saved world that cannot be continued: said in one line, nothing started. */
export class SavedWorldError extends Error {}

/**
 * The emulator's world on disk, so that a stopped or killed emulator started again on the same data directory goes on
 * with the same fleets, members, strategies, update runs, gates, clusters, regional releases and virtual time.
 * Written whole to a temporary file and renamed over the old one (rename is atomic on one file system), so a kill in
 * the middle of a save leaves the previous save, never half a file.
 */
export class WorldStore {
  constructor(readonly file: string) {}

  load(): SavedWorld | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let saved: Partial<SavedWorld>;
    try {
      saved = parseWithCollections(text) as Partial<SavedWorld>;
    } catch (error) {
      throw new SavedWorldError(`${this.file} is not a saved emulator world (${(error as Error).message}); remove it to start the scenario afresh`);
    }
    if (saved.format !== FORMAT || typeof saved.scenario !== 'string' || saved.sim === undefined || saved.requests === undefined || !Array.isArray(saved.webhooks))
      throw new SavedWorldError(`${this.file} is not a saved emulator world of format ${FORMAT}; remove it to start the scenario afresh`);
    return saved as SavedWorld;
  }

  save(world: Omit<SavedWorld, 'format' | 'savedAt'>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, stringifyWithCollections({ format: FORMAT, savedAt: new Date().toISOString(), ...world }));
    fs.renameSync(tmp, this.file);
  }
}
