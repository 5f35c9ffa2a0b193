import { randomUUID } from 'node:crypto';
import https from 'node:https';
import { startEmulator } from '../emulator/startEmulator';

/**
 * Benchmark: the 1,000-member / 50-group scenario driven through a full run in virtual time.
 * Run: `npx tsc -p tsconfig.build.json && node dist/bench/emulatorScale.js` (prints the figures).
 */
const SUB = '00000000-0000-0000-0000-000000000000';
const BASE = `/subscriptions/${SUB}/resourceGroups/rg-scale/providers/Microsoft.ContainerService/fleets/fleet-scale`;
const API = 'api-version=2026-03-02-preview';

async function main(): Promise<void> {
  const t0 = performance.now();
  const emu = await startEmulator({ scenario: 'scale', port: 0, speed: 0, caFile: `${process.env.TMPDIR ?? '/tmp'}/emulator-bench-${randomUUID()}.pem` });
  const tStart = performance.now();
  const agent = new https.Agent({ ca: emu.caPem, keepAlive: true });
  let requests = 0;
  const call = (method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> | undefined }> =>
    new Promise((resolve, reject) => {
      requests++;
      const req = https.request(new URL(path, emu.url), { method, agent, headers: { authorization: 'Bearer bench', 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined });
        });
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  const created = await call('PUT', `${BASE}/updateRuns/bench?${API}`, {
    properties: { updateStrategyId: `${BASE}/updateStrategies/scale-waves`, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.4' } } },
  });
  if (created.status !== 201) throw new Error(`create failed: ${created.status}`);
  await call('POST', `${BASE}/updateRuns/bench/start?${API}`);
  const tRun = performance.now();
  let polls = 0;
  let state = '';
  // Advance virtual time in 10-minute steps, approving gates as they appear, until the run completes.
  while (state !== 'Completed' && polls < 10_000) {
    await call('POST', '/_emulator/clock', { advanceSeconds: 600 });
    const gates = await call('GET', `${BASE}/gates?${API}&$filter=${encodeURIComponent('state eq Pending')}`);
    for (const g of (gates.body as { value: { name: string }[] }).value) await call('PATCH', `${BASE}/gates/${g.name}?${API}`, { properties: { state: 'Completed' } });
    state = ((await call('GET', `${BASE}/updateRuns/bench?${API}`)).body as { properties: { status: { status: { state: string } } } }).properties.status.status.state;
    polls++;
  }
  const tDone = performance.now();
  const virtualMinutes = (emu.control.sim.nowMs() - Date.parse('2026-11-21T08:00:00Z')) / 60_000;
  console.log(`emulator scale benchmark: 1000 members, 50 groups, 3 stages`);
  console.log(`  start emulator:      ${(tStart - t0).toFixed(0)} ms`);
  console.log(`  create + start run:  ${(tRun - tStart).toFixed(0)} ms`);
  console.log(`  run to ${state}: ${(tDone - tRun).toFixed(0)} ms wall for ${virtualMinutes.toFixed(0)} virtual minutes (${polls} clock steps, each with a run GET and a gate list)`);
  console.log(`  HTTPS requests:      ${requests}`);
  console.log(`  total wall:          ${((tDone - t0) / 1000).toFixed(2)} s`);
  agent.destroy();
  await emu.stop();
  if (state !== 'Completed') process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
