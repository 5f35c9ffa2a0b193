import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/** A fresh path under the OS temp directory for an emulator's CA file; the emulator removes it when it stops. */
export function tempCaFile(): string {
  return path.join(os.tmpdir(), `fleet-conductor-test-ca-${randomUUID()}.pem`);
}
