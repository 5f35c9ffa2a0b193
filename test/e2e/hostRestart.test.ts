import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { control, type LoggedRequest } from '../support/emulatorControl';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/devhost/main.js');

interface Child {
  readonly process: ChildProcess;
  output(): string;
}

function start(args: readonly string[]): Child {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AzureWebJobsStorage: '' } });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  return { process: child, output: () => output };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, child?: Child): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${child ? `; output:\n${child.output()}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const exited = (child: Child): Promise<number | null> =>
  child.process.exitCode !== null ? Promise.resolve(child.process.exitCode) : new Promise((resolve) => child.process.once('exit', (code) => resolve(code)));

interface GateView {
  readonly state: { readonly gate: { readonly gateId: string; readonly stage: string }; readonly phase: { readonly name: string } };
}

// `npm test` builds first. Two processes as in `npm start -- --world-only --data <dir>` + `--host-only`: the host
// is killed with SIGKILL while the dev stage's gate is being decided and started again on the same data.
describe('a host killed mid-gate and started again on the same data', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-data-'));
  const children: Child[] = [];
  afterAll(() => {
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('converges: the gate passes with exactly one PATCH in the emulator request log', async () => {
    expect(fs.existsSync(MAIN), 'run "npm run build" first (npm test does)').toBe(true);
    const log = (name: string): string[] => ['--log-file', path.join(dataDir, `${name}.log`)];
    const world = start(['--world-only', '--data', dataDir, '--port', '0', '--emulator-port', '0', '--speed', '60', ...log('world')]);
    children.push(world);
    await until('world ready', () => Promise.resolve(/World ready/.test(world.output()) || undefined), 30_000, world);
    const file = JSON.parse(fs.readFileSync(path.join(dataDir, 'world.json'), 'utf8')) as { hostUrl: string; emulatorUrl: string; caFile: string };
    const emulator = { url: file.emulatorUrl, caPem: fs.readFileSync(file.caFile, 'utf8') };
    const startHost = async (name: string): Promise<Child> => {
      const host = start(['--host-only', '--data', dataDir, ...log(name)]);
      children.push(host);
      await until(`${name} ready`, () => Promise.resolve(/Fleet Conductor:/.test(host.output()) || undefined), 30_000, host);
      return host;
    };
    const first = await startHost('host-1');
    await control(emulator, 'POST', '/_emulator/releases', { version: '1.33.4', regions: { eastus: 0, westeurope: 0, australiaeast: 0 } });

    const devGate = async (): Promise<GateView | undefined> => {
      const runs = (await (await fetch(`${file.hostUrl}/api/runs?fleet=fleet-demo`)).json()) as { items: { run: string }[] };
      const run = runs.items[0]?.run;
      if (!run) return undefined;
      const detail = (await (await fetch(`${file.hostUrl}/api/runs/fleet-demo/${run}`)).json()) as { gates: GateView[] };
      return detail.gates.find((g) => g.state.gate.stage === 'dev');
    };
    // Mid-gate: observed and soaking or measuring, not yet decided.
    const deciding = await until('the dev gate is being decided', async () => {
      const gate = await devGate();
      return gate && ['Observed', 'Soaking', 'Checking'].includes(gate.state.phase.name) ? gate : undefined;
    }, 60_000, first);
    first.process.kill('SIGKILL');
    expect(await exited(first)).toBeNull(); // killed, no clean shutdown
    const gateId = deciding.state.gate.gateId;
    const patches = async (): Promise<LoggedRequest[]> =>
      (await control<{ value: (LoggedRequest & { status: number; faulted: boolean })[] }>(emulator, 'GET', `/_emulator/requests?service=arm&method=PATCH&pathContains=${encodeURIComponent(`/gates/${gateId}`)}`)).value;
    expect(await patches()).toHaveLength(0);

    const second = await startHost('host-2');
    const passed = await until('the dev gate passes after the restart', async () => {
      const gate = await devGate();
      return gate?.state.phase.name === 'Passed' ? gate : undefined;
    }, 90_000, second);
    expect(passed.state.gate.gateId).toBe(gateId);
    expect(await patches()).toHaveLength(1);

    second.process.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
    world.process.kill('SIGTERM');
    expect(await exited(world)).toBe(0);
    // The world saved its tables on the way out: a later --world-only start continues on them.
    expect(fs.existsSync(path.join(dataDir, 'azurite', '__azurite_db_table__.json'))).toBe(true);
  }, 180_000);
});
