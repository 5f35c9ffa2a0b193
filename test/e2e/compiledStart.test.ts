import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

function getJson(url: string, ca: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text === '' ? undefined : (JSON.parse(text) as unknown) }));
      })
      .on('error', reject);
  });
}
const MAIN = path.join(ROOT, 'dist/devhost/main.js');

/** Waits for a line matching `re` on the child's stdout. */
function waitForLine(child: ChildProcess, re: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${timeoutMs} ms; output:\n${buffer}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('utf8');
      const m = re.exec(buffer);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(m);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (buffer += c.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${re} appeared; output:\n${buffer}`)));
  });
}

// `npm test` builds first; this proves the compiled output starts under plain node (vitest's module loader hides
// CommonJS/ESM interop failures) and shuts down cleanly on SIGTERM.
describe('the compiled app under plain node', () => {
  it('starts Azurite, the emulator and the host, answers /api/health, and exits 0 on SIGTERM', async () => {
    expect(fs.existsSync(MAIN), 'run "npm run build" first (npm test does)').toBe(true);
    const child = spawn(process.execPath, [MAIN, '--port', '0', '--emulator-port', '0', '--no-story', '--log-file', path.join(os.tmpdir(), `devhost-${process.pid}.log`)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AzureWebJobsStorage: '' },
    });
    try {
      const [, url, emulatorUrl] = await waitForLine(child, /Fleet Conductor: +(http:\/\/[0-9.:]+)\/api\/health[\s\S]*Azure emulator: +(https:\/\/[0-9.:]+)/, 20_000);
      // The emulator is up with the demo scenario and its CA was written where the app's settings point.
      const ca = fs.readFileSync(path.join(ROOT, '.local/emulator-ca.pem'), 'utf8');
      expect(ca).toContain('BEGIN CERTIFICATE');
      const state = await getJson(`${emulatorUrl}/_emulator/state`, ca);
      expect(state.status).toBe(200);
      const res = await fetch(`${url}/api/health`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { functions: { name: string }[] };
      expect(body.functions.map((f) => f.name)).toContain('health');
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

// What the worker's module load costs is what it loads (bench/coldStart.ts measures the time): registering the
// functions must not load the Azure SDKs; the first invocation's wiring does, and the Azure Monitor distro only when
// APPLICATIONINSIGHTS_CONNECTION_STRING is set.
describe('the compiled function modules load only what registration needs', () => {
  it('no Azure SDK, YAML parser or telemetry distro until the wiring is loaded, then the SDKs but not the distro', async () => {
    const script = `
      const path = require('node:path');
      const loaded = () => ['@azure/identity', '@azure/arm-containerservice', '@azure/arm-containerservicefleet', '@azure/data-tables', '@azure/monitor-query-logs', '@azure/monitor-opentelemetry', 'yaml']
        .filter((p) => Object.keys(require.cache).some((f) => f.includes(path.join('node_modules', p, path.sep))));
      require(path.join(process.argv[1], 'dist/devhost/functionsCoreShim.js')).installFunctionsCoreShim();
      const dir = path.join(process.argv[1], 'dist/src/functions');
      for (const f of require('node:fs').readdirSync(dir).filter((f) => f.endsWith('.js'))) require(path.join(dir, f));
      const registered = require(path.join(process.argv[1], 'dist/devhost/functionsCoreShim.js')).registeredFunctions().size;
      const atRegistration = loaded();
      require(path.join(process.argv[1], 'dist/src/composition.js')).loadWiring().then(() => {
        process.stdout.write(JSON.stringify({ registered, atRegistration, afterWiring: loaded() }));
      });`;
    const child = spawn(process.execPath, ['-e', script, ROOT], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as { registered: number; atRegistration: string[]; afterWiring: string[] };
    expect(result.registered).toBeGreaterThan(20);
    expect(result.atRegistration).toEqual([]);
    expect(result.afterWiring).toEqual(['@azure/identity', '@azure/arm-containerservice', '@azure/arm-containerservicefleet', '@azure/data-tables', '@azure/monitor-query-logs', 'yaml']);
  });
});

/** Runs the compiled entry to its end and returns what it printed. */
function runToExit(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm start refuses what it cannot run, in a line, before anything starts', () => {
  it('an unknown option: one line and the usage, exit 2, no stack trace', async () => {
    const { code, stderr } = await runToExit(['--colour']);
    expect(code).toBe(2);
    const [first, blank, usage] = stderr.split('\n');
    expect(first).toMatch(/^npm start: Unknown option '--colour'/);
    expect([blank, usage]).toEqual(['', 'Usage: npm start -- [options]']);
    expect(stderr).toContain('--emulator-port <n>');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('--help lists every option and exits 0', async () => {
    const { code, stdout } = await runToExit(['--help']);
    expect(code).toBe(0);
    for (const option of ['--no-story', '--exit-after-story', '--interactive', '--speed', '--port', '--emulator-port', '--scenario', '--log-file', '--help']) expect(stdout).toContain(option);
  });

  it('a port in use: one line naming it and the option, exit 1', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const busy = (server.address() as net.AddressInfo).port;
    try {
      const { code, stdout, stderr } = await runToExit(['--no-story', '--port', '0', '--emulator-port', String(busy)]);
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(`Port ${busy} (--emulator-port) is already in use by another program; stop it or choose another port with --emulator-port.`);
      expect(stdout).not.toContain('Starting');
    } finally {
      server.close();
    }
  });

  it('an invalid conductor.yaml or settings: every problem listed, nothing started, exit 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-config-'));
    const file = path.join(dir, 'conductor.yaml');
    fs.writeFileSync(file, 'fleets:\n  - name: Not A Name\nstrategies: []\ngatePolicies:\n  - id: x\n    checks: []\n');
    try {
      const { code, stdout, stderr } = await runToExit(['--no-story', '--port', '0', '--emulator-port', '0'], { CONDUCTOR_CONFIG_PATH: file, CONDUCTOR_TABLE_PREFIX: '1bad' });
      expect(code).toBe(1);
      expect(stderr).toContain('CONDUCTOR_TABLE_PREFIX');
      expect(stderr).toContain(`${file} fleets[0]`);
      expect(stderr).toContain('Nothing was started');
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).not.toContain('Fleet Conductor:');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
