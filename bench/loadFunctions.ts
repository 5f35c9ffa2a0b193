/**
 * One cold start, measured inside a fresh Node process (bench/coldStart.ts spawns it): installs the stand-in for
 * the worker's `@azure/functions-core`, then requires the given files in order, as the Node worker requires the
 * entry files package.json "main" names, and prints what it took as JSON on stdout. With `--answer <function>`,
 * it then invokes that HTTP function once (GET, as the host would on the first request) and also reports when the
 * answer came back: what was deferred from loading to the first invocation is paid there.
 *
 *   node dist/bench/loadFunctions.js [--answer health] <file>...
 */
import { createRequire } from 'node:module';
import type * as Functions from '@azure/functions';
import { installFunctionsCoreShim, registeredFunctions } from '../devhost/functionsCoreShim';
import type * as Invoke from '../devhost/invokeFunction';
import { cpuMs } from './support/benchResult';

async function main(): Promise<void> {
  // performance.now() counts from the process's time origin: before this line is Node's own start-up.
  const entered = performance.now();
  installFunctionsCoreShim();
  const args = process.argv.slice(2);
  const answerAt = args.indexOf('--answer');
  const answer = answerAt < 0 ? undefined : args.splice(answerAt, 2)[1];
  // Resolved from this file, as the worker resolves the app's modules from the app's folder.
  const load = createRequire(__filename);
  for (const file of args) load(file);
  const loaded = performance.now();
  const loadCpuMs = cpuMs();
  const result: Record<string, number> = { nodeStartMs: entered, loadMs: loaded - entered, totalMs: loaded, loadCpuMs, functions: registeredFunctions().size, rssKb: process.resourceUsage().maxRSS };
  if (answer !== undefined) {
    const fn = registeredFunctions().get(answer);
    if (!fn) throw new Error(`no function ${answer} was registered`);
    // The harness's own modules (a bundle has its own copy of @azure/functions, so these are not cached then): loaded
    // here, after the app, and their time taken out of the figures.
    const harnessStart = performance.now();
    const harnessCpuStart = cpuMs();
    const { HttpRequest } = load('@azure/functions') as typeof Functions;
    const { invokeFunction } = load('../devhost/invokeFunction') as typeof Invoke;
    const harnessMs = performance.now() - harnessStart;
    const harnessCpuMs = cpuMs() - harnessCpuStart;
    const request = new HttpRequest({ method: 'GET', url: `http://localhost/api/${answer}` });
    const { result: response } = await invokeFunction(fn, request, { reason: 'first request', log: () => undefined });
    const status = (response as Functions.HttpResponseInit).status ?? 200;
    if (status !== 200) throw new Error(`${answer} answered ${status}: ${JSON.stringify((response as Functions.HttpResponseInit).jsonBody)}`);
    const answered = performance.now() - harnessMs;
    Object.assign(result, { firstInvocationMs: answered - loaded, answeredMs: answered, answeredCpuMs: cpuMs() - harnessCpuMs, answeredRssKb: process.resourceUsage().maxRSS });
  }
  process.stdout.write(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
