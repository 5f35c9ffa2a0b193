/**
 * `npm start`: the local world — Azurite, the Azure emulator loaded with a scenario, and the app under the local
 * Functions host — as one process on one virtual clock, playing the demo story (devhost/story). Ctrl+C (SIGINT) or
 * SIGTERM shuts everything down cleanly. `npm start -- --help` lists the options. `--data <dir>` keeps Azurite's tables
 * and the emulator's world on disk; `--world-only` / `--host-only` run the world and the host as two processes (the host can then be killed
 * and restarted while the world goes on).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCliOptions, UsageError, USAGE, type CliOptions } from './cliOptions';
import { claimPort, PortInUseError } from './freePort';
import { startDemoWorld, type DemoWorld } from './startDemoWorld';
import { startWorldOnly } from './startWorldOnly';
import { startHostOnly } from './startHostOnly';
import { emulatorWorldFile, worldFilePath, WorldFileError } from './worldFile';
import { WorldConfigurationError } from './startLocalWorld';
import { StoryClient } from './story/storyClient';
import { playStory, STORY_FLEET } from './story/playStory';
import { renderStoryFrame } from './story/renderStoryFrame';
import type { StoryRunDetail } from './story/storyView';
import { errorMessage } from '../src/app/errorMessage';

// Compiled to dist/devhost/main.js; the project root is two levels up.
const ROOT = path.resolve(__dirname, '..', '..');
const STORY_SCENARIO = 'demo-story';
const STORY_SPEED = 60;
const APPROVE_AFTER_MS = 4000;
const STORY_TIMEOUT_MS = 200_000;

function fileLog(file: string): (line: string) => void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(file, { flags: 'a' });
  return (line) => out.write(`[${new Date().toISOString()}] ${line}\n`);
}

async function main(options: CliOptions): Promise<number> {
  process.chdir(ROOT); // settings name files relative to the app's folder, as under Core Tools
  if (options.only !== undefined && options.dataDir !== undefined) return split(options, options.only, options.dataDir);
  const story = options.story && options.scenario === STORY_SCENARIO;
  if (options.story && !story) console.log(`The demo story plays in the ${STORY_SCENARIO} scenario; ${options.scenario} stays idle.`);
  // Every address is checked before anything starts, so a busy port costs one line and no half-started world.
  const port = await claimPort(options.port, '--port');
  const emulatorPort = await claimPort(options.emulatorPort, '--emulator-port');
  const logFile = path.resolve(options.logFile ?? path.join('.local', 'logs', `devhost-${new Date().toISOString().replace(/[:.]/g, '-')}.log`));
  const log = fileLog(logFile);
  console.log(`Starting the local world; details go to ${logFile}`);
  const speed = options.speed ?? (story ? STORY_SPEED : 1);
  const world = await startDemoWorld({
    rootDir: ROOT,
    scenario: options.scenario,
    port,
    emulatorPort,
    speed,
    caFile: path.join(ROOT, '.local', 'emulator-ca.pem'),
    log,
    ...(options.dataDir === undefined ? {} : { azuriteLocation: path.join(path.resolve(options.dataDir), 'azurite'), worldFile: emulatorWorldFile(options.dataDir) }),
  });
  const stop = onSignals(world);
  if (options.dataDir !== undefined) {
    console.log(`Azurite's tables are kept in ${path.resolve(options.dataDir, 'azurite')}, the emulator's world in ${emulatorWorldFile(options.dataDir)}`);
    const continued = world.azure.control.continuedFrom;
    if (continued !== undefined) console.log(`The emulator continues the world saved at ${continued} (virtual time ${world.azure.control.sim.nowIso()})`);
  }
  console.log(`Fleet Conductor:  ${world.hostUrl}/api/health   (console: ${world.hostUrl}/api/console/runs)`);
  console.log(`Azure emulator:   ${world.azure.url}/_emulator/state   (clock: POST ${world.azure.url}/_emulator/clock {"advanceSeconds":3600})`);
  if (!story) {
    console.log('The world is idle. Ctrl-C stops everything.');
    return new Promise<number>(() => undefined); // runs until a signal
  }
  const result = await playWithView(world, options, speed, logFile, log);
  for (const line of result.failures.length === 0 ? ['The story held: every expected outcome was observed.'] : ['The story did not hold:', ...result.failures.map((f) => `  - ${f}`)]) {
    console.log(line);
    log(line);
  }
  if (options.exitAfterStory) {
    await stop();
    return result.failures.length === 0 ? 0 : 1;
  }
  console.log('The world stays up for exploration. Ctrl-C stops everything.');
  return new Promise<number>(() => undefined);
}

/** `--world-only` or `--host-only`: one half of the local world, the other half in another process. */
async function split(options: CliOptions, only: 'world' | 'host', dataDir: string): Promise<number> {
  const logFile = path.resolve(options.logFile ?? path.join('.local', 'logs', `devhost-${only}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`));
  const log = fileLog(logFile);
  if (only === 'world') {
    const hostPort = await claimPort(options.port, '--port');
    const emulatorPort = await claimPort(options.emulatorPort, '--emulator-port');
    const world = await startWorldOnly({ dataDir, scenario: options.scenario, hostPort, emulatorPort, ...(options.speed === undefined ? {} : { speed: options.speed }) });
    onSignals(world);
    console.log(`Azure emulator:   ${world.azure.url}/_emulator/state   (speed ${world.azure.control.sim.clock.speed}x)`);
    console.log(`Azurite tables:   ${world.azurite.tableEndpoint}, kept in ${path.resolve(dataDir, 'azurite')}`);
    console.log(`Emulator world:   kept in ${emulatorWorldFile(dataDir)}${world.azure.control.continuedFrom === undefined ? '' : ` (continued from the save at ${world.azure.control.continuedFrom})`}`);
    console.log(`World ready: ${worldFilePath(dataDir)} (start the host with npm start -- --host-only --data ${dataDir}; Event Grid delivers to ${world.file.hostUrl})`);
    return new Promise<number>(() => undefined);
  }
  console.log(`Starting the host against the world in ${worldFilePath(dataDir)}; details go to ${logFile}`);
  const host = await startHostOnly({ rootDir: ROOT, dataDir, log });
  onSignals(host);
  console.log(`Fleet Conductor:  ${host.hostUrl}/api/health   (console: ${host.hostUrl}/api/console/runs)`);
  console.log(`Azure emulator:   ${host.world.emulatorUrl}/_emulator/state   (the world's process: ${host.world.pid})`);
  return new Promise<number>(() => undefined);
}

async function playWithView(world: DemoWorld, options: CliOptions, speed: number, logFile: string, log: (line: string) => void) {
  const client = new StoryClient(world.hostUrl, world.azure.url, world.azure.caPem);
  const tty = process.stdout.isTTY;
  const narration: string[] = [];
  let detail: StoryRunDetail | undefined;
  let approval: string | undefined;
  const draw = (): void => {
    if (!tty) return;
    const frame = renderStoryFrame({
      now: new Date(world.clock.nowMs()).toISOString(),
      speed,
      urls: {
        api: `${world.hostUrl}/api`,
        emulator: world.azure.url,
        console: `${world.hostUrl}/api/console/runs`,
        ...(detail ? { run: `${world.hostUrl}/api/runs/${STORY_FLEET}/${detail.run.runName}/view` } : {}),
        ...(approval ? { approval } : {}),
      },
      logFile,
      detail,
      narration,
    });
    process.stdout.write(`\x1b[H\x1b[2J${frame}\n`);
  };
  const timer = setInterval(draw, 500);
  try {
    return await playStory({
      client,
      interactive: options.interactive,
      approveAfterMs: APPROVE_AFTER_MS,
      timeoutMs: STORY_TIMEOUT_MS,
      narrate: (line) => {
        const stamped = `${new Date(world.clock.nowMs()).toISOString().slice(11, 16)}  ${line}`;
        narration.push(stamped);
        log(`[story] ${line}`);
        if (line.includes('/api/approvals/')) approval = line.slice(line.indexOf('http'));
        if (!tty) console.log(stamped);
      },
      onDetail: (d) => {
        detail = d;
      },
    });
  } finally {
    clearInterval(timer);
    draw();
  }
}

function onSignals(world: { stop(): Promise<void> }): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= world.stop());
  const onSignal = (signal: string): void => {
    console.log(`${signal} received, stopping the world`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Shutdown failed: ${errorMessage(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  return stop;
}

let options: CliOptions;
try {
  options = parseCliOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`npm start: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
main(options).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Problems a person can fix are told in their own words; anything else is a bug and keeps its stack.
    if (error instanceof PortInUseError || error instanceof WorldFileError) console.error(error.message);
    else if (error instanceof WorldConfigurationError) console.error(`${error.message}\nNothing was started. Fix the settings (local.settings.json) or conductor.yaml and try again.`);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
