import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
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
    const child = spawn(process.execPath, [MAIN, '--port', '0', '--emulator-port', '0', '--no-story'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AzureWebJobsStorage: '' },
    });
    try {
      const [, emulatorUrl] = await waitForLine(child, /Azure emulator at (https:\/\/[0-9.:]+)/, 20_000);
      const [, url] = await waitForLine(child, /Host listening on (http:\/\/[0-9.:]+)/, 20_000);
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
