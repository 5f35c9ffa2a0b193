import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { createHealthHandler } from '../../../src/functions/health';
import { ConfigError, parseConfig } from '../../../src/config';
import { createServices, type Services } from '../../../src/composition/createServices';
import { configurationProblems } from '../../../src/composition/configurationProblems';
import { getHealth } from '../../../src/app/getHealth';
import { InMemoryTimerRunLog } from '../../support/fakes/InMemoryTimerRunLog';

const clock = { nowIso: () => '2026-11-21T12:00:00.000Z' };
const call = async (services: () => Services) => {
  const res = await createHealthHandler(services)(new HttpRequest({ method: 'GET', url: 'http://localhost/api/health' }), new InvocationContext());
  const init = res as HttpResponseInit;
  return { status: init.status, body: init.jsonBody as { status: string; problems: string[] } };
};

describe('/api/health on a configuration the app cannot run with', () => {
  it('answers 503 with every invalid setting when the settings do not parse', async () => {
    const services = (): Services => {
      parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', CONDUCTOR_TABLE_PREFIX: '1bad', ARM_POLL_INTERVAL_IN_MS: 'soon' });
      throw new Error('unreachable');
    };
    const { status, body } = await call(services);
    expect(status).toBe(503);
    expect(body.status).toBe('degraded');
    expect(body.problems).toEqual([expect.stringMatching(/^CONDUCTOR_TABLE_PREFIX: /), expect.stringMatching(/^ARM_POLL_INTERVAL_IN_MS: /)]);
  });

  it('answers 503 listing the Conductor configuration problems instead of "ok"', async () => {
    const services = createServices({
      timerRuns: new InMemoryTimerRunLog(),
      clock,
      version: 't',
      gates: () => {
        throw new Error('not used by health');
      },
      configurationProblems: () => ['conductor.yaml fleets[0].name: must be a Fleet resource name'],
    });
    const { status, body } = await call(() => services);
    expect(status).toBe(503);
    expect(body.problems).toEqual(['conductor.yaml fleets[0].name: must be a Fleet resource name']);
    expect((await getHealth({ timerRuns: new InMemoryTimerRunLog(), clock, version: 't', configurationProblems: () => [] }, [])).status).toBe('ok');
  });

  it('configurationProblems lists settings and file problems together, and none for the shipped configuration', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-config-'));
    const file = path.join(dir, 'conductor.yaml');
    fs.writeFileSync(file, 'fleets: 3\n');
    try {
      const problems = configurationProblems({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', CONDUCTOR_TABLE_PREFIX: '1bad', CONDUCTOR_CONFIG_PATH: file });
      expect(problems[0]).toMatch(/^CONDUCTOR_TABLE_PREFIX: /);
      expect(problems.slice(1).every((p) => p.startsWith(`${file} `))).toBe(true);
      expect(problems.length).toBeGreaterThan(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(configurationProblems({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', CONDUCTOR_CONFIG_PATH: path.resolve(__dirname, '../../../conductor.yaml') })).toEqual([]);
    expect(new ConfigError([{ setting: 'X', problem: 'y' }]).issues).toHaveLength(1);
  });
});
