import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../../devhost/startLocalWorld';

const ROOT = path.resolve(__dirname, '../../..');
const appFiles = [
  ...fs.readdirSync(path.join(ROOT, 'src/functions')).filter((f) => f.endsWith('.ts')).map((f) => path.join(ROOT, 'src/functions', f)),
  path.join(ROOT, 'test/fixtures/recordedTimer.ts'),
];

interface Health {
  status: string;
  version: string;
  functions: { name: string; trigger: string }[];
  timers: { name: string; schedule: string; lastRun?: { outcome: string; error?: string; isPastDue: boolean } }[];
}

describe('the local world (Azurite + local host + the app from source)', () => {
  let world: LocalWorld;
  const lines: string[] = [];
  beforeAll(async () => {
    world = await startLocalWorld({
      rootDir: ROOT,
      port: 0,
      appFiles,
      load: (file) => import(file),
      // No emulator here: keep the app's own timers from firing during the test.
      settings: { FIXTURE_SCHEDULE: '0 0 3 * * *', RECONCILE_SCHEDULE: '0 0 0 1 1 *', RELEASE_POLL_SCHEDULE: '0 0 0 1 1 *' },
      log: (l) => lines.push(l),
    });
  });
  afterAll(() => world.stop());

  const health = async (): Promise<Health> => {
    const res = await fetch(`${world.hostUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    return (await res.json()) as Health;
  };

  it('answers /api/health with the version and every registered function with its trigger', async () => {
    const body = await health();
    expect(body.status).toBe('ok');
    expect(body.version).toBe((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    expect(body.functions.map((f) => [f.name, f.trigger])).toEqual(
      expect.arrayContaining([
        ['health', 'http'],
        ['fixtureTick', 'timer'],
        ['fixtureFailingTick', 'timer'],
      ]),
    );
  });

  it('keeps the last invocation of each timer in Table Storage and shows it', async () => {
    expect((await health()).timers.find((t) => t.name === 'fixtureTick')?.lastRun).toBeUndefined();
    for (const name of ['fixtureTick', 'fixtureFailingTick']) {
      expect((await fetch(`${world.hostUrl}/admin/functions/${name}`, { method: 'POST', body: '{}' })).status).toBe(202);
    }
    await expect.poll(async () => (await health()).timers.filter((t) => t.lastRun).length, { timeout: 5000 }).toBe(2);
    const timers = (await health()).timers;
    expect(timers.find((t) => t.name === 'fixtureTick')).toMatchObject({ schedule: '%FIXTURE_SCHEDULE%', lastRun: { outcome: 'Succeeded', isPastDue: false } });
    expect(timers.find((t) => t.name === 'fixtureFailingTick')?.lastRun).toMatchObject({ outcome: 'Failed', error: 'Log Analytics unreachable' });
  });

  it('started its own Azurite because the settings ask for development storage', () => {
    expect(world.azurite).toBeDefined();
    expect(world.settings.AzureWebJobsStorage).toContain(world.azurite?.tableEndpoint);
    expect(lines.some((l) => l.includes('Host listening on'))).toBe(true);
  });
});
