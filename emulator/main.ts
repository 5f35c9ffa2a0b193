import { startEmulator } from './startEmulator';

/** `npm run emulator -- <scenario> [--port 9443] [--speed 60]`: runs the emulator standalone until Ctrl+C. */
function parseArgs(argv: string[]): { scenario: string; port?: number; speed?: number } {
  let scenario = 'demo';
  let port: number | undefined;
  let speed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = (): number => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${arg} needs a non-negative number`);
      return v;
    };
    if (arg === '--port') port = value();
    else if (arg === '--speed') speed = value();
    else if (arg.startsWith('--')) throw new Error(`unknown flag ${arg} (known: --port, --speed)`);
    else scenario = arg;
  }
  return { scenario, ...(port !== undefined ? { port } : {}), ...(speed !== undefined ? { speed } : {}) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const emulator = await startEmulator(args);
  const scenario = emulator.control.scenario;
  console.log(`Fleet Conductor emulator: scenario '${scenario.name}' at ${emulator.url} (speed ${emulator.control.sim.clock.speed}x)`);
  console.log(`  CA certificate:    ${emulator.caFile}`);
  console.log(`  IDENTITY_ENDPOINT=${emulator.identityEndpoint}`);
  console.log(`  IDENTITY_HEADER=${emulator.identityHeader}`);
  console.log(`  control API:       ${emulator.url}/_emulator/state`);
  const shutdown = (): void => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
