/**
 * `npm run bench`: every benchmark in turn, each in its own process (they start their own emulator and Azurite).
 * Benchmarks are never part of `npm test`: speed is measured here, behaviour is asserted there.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BENCHES = ['gateLatency.js', 'releaseStorm.js', 'historyQueries.js', 'emulatorScale.js', 'kqlEngine.js', 'requestCounts.js'];
let failed = 0;
for (const file of BENCHES) {
  console.log(`\n=== ${file}`);
  const result = spawnSync(process.execPath, [path.join(__dirname, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
