import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import { emulatorApp, uniquePrefix, type EmulatorApp } from '../../support/emulatorApp';
import { control, type LoggedRequest } from '../../support/emulatorControl';
import { tempCaFile } from '../../support/tempCaFile';

const SUB = '00000000-0000-0000-0000-000000000000';

/**
 * Issue 14: the composed app spends ARM's read budget (250 tokens, 25 per second, per subscription and principal)
 * through one bucket per process, so a burst beyond it is spread instead of answered 429. Real time is replaced by
 * one that moves by what is slept: the waits are counted, not waited.
 */
describe('the composed app\'s ARM requests wait for ARM\'s read tokens (issue 14)', () => {
  let emulator: RunningEmulator;
  let composed: EmulatorApp;
  const slept: number[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ scenario: 'demo', port: 0, speed: 0, caFile: tempCaFile() });
    let real = 0;
    const realTime = { realMs: () => real, sleep: (ms: number) => ((real += ms), slept.push(ms), new Promise<void>((resolve) => setImmediate(resolve))) };
    composed = emulatorApp(emulator, {
        conductor: {
          fleets: [{ name: 'fleet-demo', subscriptionId: SUB, resourceGroup: 'rg-fleet-demo', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 'one' }],
          strategies: [{ name: 'one', stages: [{ name: 's0', groups: [{ name: 'dev' }] }] }],
        },
        tablePrefix: uniquePrefix('r'),
      }, { realTime });
  });
  afterAll(async () => {
    composed.dispose();
    await emulator.stop();
  });

  it('sends 250 reads at once, then one per 40 ms, and every read is answered', async () => {
    await control(emulator, 'DELETE', '/_emulator/requests');
    const fleet = `/subscriptions/${SUB}/resourceGroups/rg-fleet-demo/providers/Microsoft.ContainerService/fleets/fleet-demo`;
    const answers = await Promise.all(Array.from({ length: 260 }, (_, i) => composed.app.adapters.fleet.getUpdateRun(fleet, `no-such-run-${i}`)));
    expect(answers.every((a) => a === undefined)).toBe(true);
    const reads = (await control<{ value: LoggedRequest[] }>(emulator, 'GET', '/_emulator/requests?service=arm')).value.filter((r) => r.method === 'GET');
    expect(reads).toHaveLength(260);
    expect(reads.every((r) => r.status !== 429)).toBe(true);
    expect(slept).toEqual(Array.from({ length: 10 }, () => 40));
  });
});
