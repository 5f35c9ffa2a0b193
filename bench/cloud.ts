/**
 * The benchmarks' "cloud": the Azure emulator and Azurite in a process of their own, so the app under test
 * (bench/appHost.ts, another process) competes with them only for CPU, never for an event loop. Started by
 * bench/support/benchProcesses.ts with a JSON world description as its argument; answers on the IPC channel with
 * its endpoints, then serves until told to stop (or until its parent goes away).
 *
 *   node dist/bench/cloud.js '{"kind":"scenario","scenario":{...},"caFile":"/tmp/x.pem"}'
 */
import { startEmulator, type RunningEmulator } from '../emulator/startEmulator';
import { warmUpEmulator } from '../emulator/warmUpEmulator';
import { TableClient, type TransactionAction } from '@azure/data-tables';
import { startAzurite } from '../devhost/startAzurite';
import { startScaleWorld, type ScaleOptions } from './support/scaleWorld';
import { cpuMs } from './support/benchResult';

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

/**
 * Table Storage, like the emulator, is never cold in Azure: the operations the app makes (table creation, batches,
 * point reads, filtered queries, conditional updates, deletes) run a few hundred times on a table of their own, which
 * is then deleted, so Azurite's code is compiled before a measurement. Nothing of it remains in the store.
 */
async function warmUpAzurite(connectionString: string): Promise<void> {
  const table = TableClient.fromConnectionString(connectionString, `benchwarmup${Date.now()}`, { allowInsecureConnection: true });
  await table.createTable();
  try {
    for (let round = 0; round < 30; round++) {
      const pk = `p${round % 5}`;
      await table.submitTransaction(Array.from({ length: 4 }, (_, i): TransactionAction => ['upsert', { partitionKey: pk, rowKey: `r${round}-${i}`, state: 'Pending', at: new Date(), n: i }, 'Merge']));
      const entity = await table.getEntity(pk, `r${round}-0`);
      await table.updateEntity({ partitionKey: pk, rowKey: `r${round}-0`, state: 'Completed' }, 'Merge', { etag: entity.etag });
      await table.createEntity({ partitionKey: pk, rowKey: `once-${round}`, note: 'x'.repeat(200) });
      await table.listEntities({ queryOptions: { filter: `PartitionKey eq '${pk}' and state eq 'Pending'` } }).byPage({ maxPageSize: 50 }).next();
      await table.deleteEntity(pk, `once-${round}`);
    }
  } finally {
    await table.deleteTable();
  }
}

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
