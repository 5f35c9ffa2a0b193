/**
 * One cold start, measured inside a fresh Node process (bench/coldStart.ts spawns it): installs the stand-in for
 * the worker's `@azure/functions-core`, then requires the given files in order, as the Node worker requires the
 * entry files package.json "main" names, and prints what it took as JSON on stdout.
 *
 *   node dist/bench/loadFunctions.js <file>...
 */
import { createRequire } from 'node:module';
import { installFunctionsCoreShim, registeredFunctions } from '../devhost/functionsCoreShim';

// performance.now() counts from the process's time origin: before this line is Node's own start-up.
const entered = performance.now();
installFunctionsCoreShim();
// Resolved from this file, as the worker resolves the app's modules from the app's folder.
const load = createRequire(__filename);
for (const file of process.argv.slice(2)) load(file);
const loaded = performance.now();
process.stdout.write(JSON.stringify({ nodeStartMs: entered, loadMs: loaded - entered, totalMs: loaded, functions: registeredFunctions().size, rssKb: process.resourceUsage().maxRSS }));
