import { parseArgs } from 'node:util';

export interface CliOptions {
  readonly help: boolean;
  readonly story: boolean;
  readonly exitAfterStory: boolean;
  readonly interactive: boolean;
  readonly scenario: string;
  readonly port: number;
  readonly emulatorPort: number;
  /** Undefined → the story's own speed, or real time for an idle world. */
  readonly speed: number | undefined;
  readonly logFile: string | undefined;
  /** `--data <dir>`: Azurite's tables and the emulator's world on disk under it (and, split, the world's address file). */
  readonly dataDir: string | undefined;
  /** `world`: Azurite and the emulator only (`--world-only`); `host`: the Functions host only (`--host-only`). */
  readonly only: 'world' | 'host' | undefined;
}

export const USAGE = `Usage: npm start -- [options]

Starts Azurite, the Azure emulator and Fleet Conductor under the local Functions host, on one virtual clock,
and plays the demo story: a new AKS patch goes from release to a stopped production run in about a minute.

Options:
  --no-story            start the world and keep it idle (real-time clock unless --speed)
  --exit-after-story    play the story, check its expected outcome, stop; exit 0 if it held, 1 if not
  --interactive         wait for you to approve production in the browser (default: approved after a few seconds)
  --speed <n>           virtual seconds per real second (default: 60 with the story, 1 without; 0 freezes time)
  --port <n>            the app's port (default 7071; 0 picks a free one)
  --emulator-port <n>   the emulator's HTTPS port (default 9443; 0 picks a free one)
  --scenario <name>     emulator scenario under scenarios/ or a path (default demo-story)
  --log-file <path>     where the detailed log goes (default .local/logs/devhost-<time>.log)
  --data <dir>          keep Azurite's tables (<dir>/azurite) and the emulator's world (<dir>/emulator-world.json:
                        fleets, members, runs, gates, clusters, the virtual clock) on disk, so a later start with
                        the same scenario continues on the same state (the story expects a fresh world)
  --world-only          with --data: start Azurite and the emulator only, write <dir>/world.json, keep running
                        (no story; Event Grid delivers to the host at --port)
  --host-only           with --data: start only the app's host, against the world in <dir>/world.json; it can be
                        killed and started again while the world goes on
  -h, --help            show this help`;

/** A command line that cannot run; the message is one line, shown above the usage. */
export class UsageError extends Error {}

function port(value: string, option: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${option} must be a port number (0-65535), got "${value}"`);
  return n;
}

export function parseCliOptions(argv: readonly string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        'no-story': { type: 'boolean', default: false },
        'exit-after-story': { type: 'boolean', default: false },
        interactive: { type: 'boolean', default: false },
        scenario: { type: 'string', default: 'demo-story' },
        port: { type: 'string', default: '7071' },
        'emulator-port': { type: 'string', default: '9443' },
        speed: { type: 'string' },
        'log-file': { type: 'string' },
        data: { type: 'string' },
        'world-only': { type: 'boolean', default: false },
        'host-only': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // node:util's messages are one line and name the option ("Unknown option '--x'", "Option '--port <value>' argument missing").
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'invalid options');
  }
  let speed: number | undefined;
  if (values.speed !== undefined) {
    speed = Number(values.speed);
    if (values.speed.trim() === '' || !Number.isFinite(speed) || speed < 0) throw new UsageError(`--speed must be a number ≥ 0, got "${values.speed}"`);
  }
  if (values['no-story'] && (values['exit-after-story'] || values.interactive)) {
    throw new UsageError('--no-story cannot be combined with --exit-after-story or --interactive');
  }
  if (values['exit-after-story'] && values.interactive) throw new UsageError('--exit-after-story approves by itself; leave out --interactive');
  if (values.data !== undefined && values.data.trim() === '') throw new UsageError('--data needs a directory');
  if (values['world-only'] && values['host-only']) throw new UsageError('--world-only and --host-only start different halves; give one');
  const only = values['world-only'] ? 'world' : values['host-only'] ? 'host' : undefined;
  if (only !== undefined) {
    const flag = `--${only}-only`;
    if (values.data === undefined) throw new UsageError(`${flag} needs --data <dir> (where the world's address file is kept)`);
    if (values['exit-after-story'] || values.interactive) throw new UsageError(`${flag} plays no story; leave out --exit-after-story and --interactive`);
  }
  return {
    help: values.help,
    story: !values['no-story'],
    exitAfterStory: values['exit-after-story'],
    interactive: values.interactive,
    scenario: values.scenario,
    port: port(values.port, '--port'),
    emulatorPort: port(values['emulator-port'], '--emulator-port'),
    speed,
    logFile: values['log-file'],
    dataDir: values.data,
    only,
  };
}
