import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** SHA-256 (hex) of the Conductor configuration file's bytes: the timer's preflight re-runs when it changes. */
export function conductorConfigHash(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
