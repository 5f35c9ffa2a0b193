import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeApp } from '../../../src/composition/composeApp';
import { configurationProblems } from '../../../src/composition/configurationProblems';
import { parseConfig } from '../../../src/config';
import { conductorConfigProblems } from '../../../src/composition/conductorConfigProblems';
import { apiVersionCarriesMaxConcurrency, maxConcurrencyApiVersionIssues } from '../../../src/domain/config/maxConcurrencyApiVersionIssues';

const YAML = `fleets:
  - name: fleet-a
    subscriptionId: 00000000-0000-0000-0000-000000000000
    resourceGroup: rg-a
    logAnalyticsWorkspaceId: 6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c
    strategy: limited
strategies:
  - name: plain
    stages:
      - name: all
        groups: [all]
  - name: limited
    stages:
      - name: dev
        groups: [dev]
      - name: prod
        maxConcurrency: 25%
        groups:
          - prod-us
          - { name: prod-eu, maxConcurrency: 2 }
`;

function withFile<T>(text: string, use: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-maxc-'));
  const file = path.join(dir, 'conductor.yaml');
  fs.writeFileSync(file, text);
  try {
    return use(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('maxConcurrency with a Fleet api-version that cannot carry it is a configuration problem at load', () => {
  it('names the path of every offending field and the api-version', () => {
    const issues = maxConcurrencyApiVersionIssues({ strategies: [{ stages: [{ groups: ['a'] }] }, { stages: [{ groups: ['dev'] }, { maxConcurrency: '25%', groups: ['prod-us', { name: 'prod-eu', maxConcurrency: 2 }] }] }] }, '2025-08-01-preview');
    expect(issues.map((i) => i.path)).toEqual(['strategies[1].stages[1].maxConcurrency', 'strategies[1].stages[1].groups[1].maxConcurrency']);
    expect(issues[0]?.message).toContain('FLEET_API_VERSION 2025-08-01-preview');
    expect(issues[0]?.message).toContain('2026-02-01-preview or later');
  });

  it('accepts it from 2026-02-01-preview on, stable included', () => {
    expect(['2026-02-01-preview', '2026-06-01', '2026-06-02-preview'].map(apiVersionCarriesMaxConcurrency)).toEqual([true, true, true]);
    expect(['2025-04-01-preview', '2025-08-01-preview', '2026-01-31-preview'].map(apiVersionCarriesMaxConcurrency)).toEqual([false, false, false]);
    expect(maxConcurrencyApiVersionIssues({ strategies: [{ stages: [{ maxConcurrency: 3, groups: [] }] }] }, '2026-06-01')).toEqual([]);
  });

  it('configurationProblems (host start) checks the file against FLEET_API_VERSION; the default version has no problem', () => {
    withFile(YAML, (file) => {
      const settings = { AzureWebJobsStorage: 'UseDevelopmentStorage=true', CONDUCTOR_CONFIG_PATH: file };
      expect(configurationProblems({ ...settings, FLEET_API_VERSION: '2025-08-01-preview' })).toEqual([
        expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} strategies\\[1\\]\\.stages\\[1\\]\\.maxConcurrency: FLEET_API_VERSION 2025-08-01-preview `)),
        expect.stringContaining(`${file} strategies[1].stages[1].groups[1].maxConcurrency: FLEET_API_VERSION 2025-08-01-preview`),
      ]);
      expect(configurationProblems(settings)).toEqual([]); // default FLEET_API_VERSION 2026-06-01
      expect(configurationProblems({ ...settings, FLEET_API_VERSION: '2026-02-01-preview' })).toEqual([]);
      // Without an api-version (the file alone) the field is valid: the write-time refusal stays as the backstop.
      expect(conductorConfigProblems(file)).toEqual([]);
    });
  });

  it('a file without maxConcurrency is fine with any gate-aware api-version', () => {
    withFile(YAML.replace('        maxConcurrency: 25%\n', '').replace('{ name: prod-eu, maxConcurrency: 2 }', 'prod-eu'), (file) => {
      expect(configurationProblems({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', CONDUCTOR_CONFIG_PATH: file, FLEET_API_VERSION: '2025-04-01-preview' })).toEqual([]);
    });
  });

  it('the composed app (what /api/health reports) checks it against its FLEET_API_VERSION too', () => {
    withFile(YAML, (file) => {
      const app = (version: string) => composeApp(parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', CONDUCTOR_CONFIG_PATH: file, FLEET_API_VERSION: version }));
      expect(app('2025-08-01-preview').deps.configurationProblems?.()).toHaveLength(2);
      expect(app('2026-06-01').deps.configurationProblems?.()).toEqual([]);
    });
  });
});
