import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { startTestEmulator, control, httpsJson, type Json } from './emulatorTestKit';

it('starts (time printed, not asserted), writes the CA file and serves the control API without a token', async () => {
  await (await startTestEmulator('demo')).stop(); // certificates are generated once per process
  const started = performance.now();
  const emu = await startTestEmulator('demo');
  const elapsed = performance.now() - started;
  try {
    console.log(`emulator start (demo scenario, certificates cached): ${elapsed.toFixed(0)} ms`);
    expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(readFileSync(emu.caFile, 'utf8')).toBe(emu.caPem);
    expect(emu.caPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const ca = await control(emu, 'GET', '/ca');
    expect(ca.body).toBe(emu.caPem);
    const state = (await control(emu, 'GET', '/state')).body;
    expect(state.fleets.map((f: Json) => [f.name, f.members.length])).toEqual([['fleet-demo', 6]]);
    expect(state.clock).toMatchObject({ now: '2026-11-21T08:00:00.000Z', speed: 0 });
    // The Log Analytics route is served behind the bearer check and logged as service "logs".
    await control(emu, 'POST', '/faults', { service: 'logs', status: 503, times: 1 });
    const logs = await httpsJson(emu, 'POST', '/v1/workspaces/6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c/query', { query: 'KubeNodeInventory | take 1' }, { authorization: 'Bearer t' });
    expect(logs.status).toBe(503);
    const again = await httpsJson(emu, 'POST', '/workspaces/6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c/query', { query: 'KubeNodeInventory | take 1' }, { authorization: 'Bearer t' });
    expect(again.status).not.toBe(404);
    const logged = (await control(emu, 'GET', '/requests?service=logs')).body.value;
    expect(logged.map((r: Json) => [r.method, r.status, r.faulted])).toEqual([['POST', 503, true], ['POST', again.status, false]]);
  } finally {
    await emu.stop();
  }
});
