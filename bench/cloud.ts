/**
 * The benchmarks' "cloud": the Azure emulator and Azurite in a process of their own, so the app under test
 * (bench/appHost.ts, another process) competes with them only for CPU, never for an event loop. Started by
 * bench/support/benchProcesses.ts with a JSON world description as its argument; answers on the IPC channel with
 * its endpoints, then serves until told to stop (or until its parent goes away).
 *
 *   node dist/bench/cloud.js '{"kind":"scenario","scenario":{...},"caFile":"/tmp/x.pem"}'
 */
import { startEmulator, type RunningEmulator } from '../emulator/startEmulator';
import { startAzurite } from '../devhost/startAzurite';
import { startScaleWorld, type ScaleOptions } from './support/scaleWorld';
import { cpuMs } from './support/benchResult';
import { warmUpAzurite, warmUpEmulator } from './support/warmUpCloud';

export type CloudWorld =
  | { readonly kind: 'scenario'; readonly scenario: object; readonly caFile: string }
  | { readonly kind: 'scale'; readonly scale: ScaleOptions };

export interface CloudEndpoints {
  readonly armUrl: string;
  readonly caFile: string;
  readonly identityEndpoint: string;
  readonly identityHeader: string;
  readonly storageConnectionString: string;
  /** The emulator's virtual time at start (epoch ms): the app's clock starts there. */
  readonly nowMs: number;
  /** Scale worlds: runs in progress (stopped at a gate) that the tick may read. */
  readonly activeRuns: number;
  readonly setupMs: number;
}

export type CloudMessage =
  | { readonly type: 'ready'; readonly endpoints: CloudEndpoints }
  | { readonly type: 'failed'; readonly error: string }
  | { readonly type: 'cpu'; readonly cpuMs: number };

async function main(): Promise<void> {
  const world = JSON.parse(process.argv[2] ?? '') as CloudWorld;
  const started = performance.now();
  // The cloud stands in for Azure, whose services are warm: compile the emulator's code paths on a throwaway world
  // first, so a measurement counts the emulator's work, not V8 warming it up (BENCH_CLOUD_WARMUP=0: cold, as before).
  if (process.env.BENCH_CLOUD_WARMUP !== '0') await warmUpEmulator();
  const azurite = await startAzurite();
  if (process.env.BENCH_CLOUD_WARMUP !== '0') await warmUpAzurite(azurite.connectionString);
  let emulator: RunningEmulator;
  let activeRuns = 0;
  if (world.kind === 'scale') {
    const scale = await startScaleWorld(world.scale);
    emulator = scale.emulator;
    activeRuns = scale.activeRuns;
  } else {
    emulator = await startEmulator({ scenario: world.scenario, port: 0, speed: 0, caFile: world.caFile });
  }
  const endpoints: CloudEndpoints = {
    armUrl: emulator.url,
    caFile: emulator.caFile,
    identityEndpoint: emulator.identityEndpoint,
    identityHeader: emulator.identityHeader,
    storageConnectionString: azurite.connectionString,
    nowMs: emulator.control.sim.nowMs(),
    activeRuns,
    setupMs: performance.now() - started,
  };
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await emulator.stop();
    await azurite.stop();
    process.exit(0);
  };
  process.on('message', (m: unknown) => {
    if (m === 'stop') void stop();
    if (m === 'cpu') process.send?.({ type: 'cpu', cpuMs: cpuMs() } satisfies CloudMessage);
  });
  process.on('disconnect', () => void stop());
  process.send?.({ type: 'ready', endpoints } satisfies CloudMessage);
}

main().catch((error: unknown) => {
  process.send?.({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies CloudMessage);
  process.exit(1);
});
