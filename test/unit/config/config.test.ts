import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config';

const AZURITE = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;';

function issuesOf(env: Record<string, string>): { setting: string; problem: string }[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  it('reads the diagnosis thresholds and names a bad one', () => {
    expect(parseConfig({ AzureWebJobsStorage: AZURITE, STUCK_RUN_NOTIFY_AFTER_MINUTES: '30', MEMBER_UPGRADE_EXPECTED_MINUTES: '90', PREFLIGHT_REFRESH_HOURS: '6' }).diagnosis).toEqual({
      stuckNotifyAfterMinutes: 30,
      memberUpgradeExpectedMinutes: 90,
      preflightRefreshHours: 6,
    });
    expect(() => parseConfig({ AzureWebJobsStorage: AZURITE, STUCK_RUN_NOTIFY_AFTER_MINUTES: '0' })).toThrow(/STUCK_RUN_NOTIFY_AFTER_MINUTES: expected a whole number from 1 to 10080/);
  });

  it('gives Azure defaults when only storage is set', () => {
    expect(parseConfig({ AzureWebJobsStorage: AZURITE })).toEqual({
      storage: { kind: 'connectionString', connectionString: AZURITE },
      conductorConfigPath: 'conductor.yaml',
      notifyWebhookUrl: undefined,
      approvals: { tokenKey: undefined, publicBaseUrl: undefined },
      appSetting: expect.any(Function),
      callers: {
        source: undefined,
        trusted: false,
        reason: expect.stringContaining('CONDUCTOR_PRINCIPAL_SOURCE is not set') as unknown,
      },
      telemetry: { connectionString: undefined, entraClientId: undefined },
      tablePrefix: 'conductor',
      historyRetentionDays: 400,
      diagnosis: { stuckNotifyAfterMinutes: 120, memberUpgradeExpectedMinutes: 60, preflightRefreshHours: 24 },
      azure: {
        armEndpoint: 'https://management.azure.com',
        logsEndpoint: 'https://api.loganalytics.io/v1',
        caFile: undefined,
        credential: 'managedidentity',
        managedIdentityClientId: undefined,
        fleetApiVersion: '2026-06-01',
        aksNodeImageApiVersion: '2026-08-02-preview',
        armPollIntervalInMs: 2000,
        logsMaxConcurrentQueries: 5,
        logsQueriesPer30Seconds: 200,
      },
    });
  });

  it('takes the identity-based storage setting and local endpoints', () => {
    const config = parseConfig({
      AzureWebJobsStorage__tableServiceUri: 'https://st.table.core.windows.net',
      ARM_ENDPOINT: 'https://127.0.0.1:9443/',
      LOGS_ENDPOINT: 'https://127.0.0.1:9443/v1',
      AZURE_CA_FILE: '.local/emulator-ca.pem',
      AZURE_CREDENTIAL: 'Default',
      AZURE_CLIENT_ID: 'client-1',
      FLEET_API_VERSION: '2025-04-01-preview',
      AKS_NODE_IMAGE_API_VERSION: '2026-10-02-preview',
      ARM_POLL_INTERVAL_IN_MS: '50',
      LOGS_MAX_CONCURRENT_QUERIES: '2',
      LOGS_QUERIES_PER_30_SECONDS: '150',
    });
    expect(config.storage).toEqual({ kind: 'identity', tableServiceUri: 'https://st.table.core.windows.net' });
    expect(config.azure).toEqual({
      armEndpoint: 'https://127.0.0.1:9443',
      logsEndpoint: 'https://127.0.0.1:9443/v1',
      caFile: '.local/emulator-ca.pem',
      credential: 'default',
      managedIdentityClientId: 'client-1',
      fleetApiVersion: '2025-04-01-preview',
      aksNodeImageApiVersion: '2026-10-02-preview',
      armPollIntervalInMs: 50,
      logsMaxConcurrentQueries: 2,
      logsQueriesPer30Seconds: 150,
    });
  });

  it('accepts stable and preview api-versions, and refuses ones without gates or of another shape', () => {
    const version = (v: string): string => parseConfig({ AzureWebJobsStorage: AZURITE, FLEET_API_VERSION: v }).azure.fleetApiVersion;
    expect(version('2026-06-01')).toBe('2026-06-01');
    expect(version('2026-06-02-preview')).toBe('2026-06-02-preview');
    expect(version('2025-04-01-preview')).toBe('2025-04-01-preview');
    expect(issuesOf({ AzureWebJobsStorage: AZURITE, FLEET_API_VERSION: '2025-03-01' })).toEqual([
      { setting: 'FLEET_API_VERSION', problem: 'expected a gate-aware api-version (2025-04-01-preview or later, e.g. 2026-06-01), got "2025-03-01"' },
    ]);
    for (const bad of ['2026-06-01-beta', '2026-13-01', 'latest', '2026-6-1']) {
      expect(issuesOf({ AzureWebJobsStorage: AZURITE, FLEET_API_VERSION: bad }).map((i) => i.setting)).toEqual(['FLEET_API_VERSION']);
    }
    expect(issuesOf({ AzureWebJobsStorage: AZURITE, AKS_NODE_IMAGE_API_VERSION: 'preview' }).map((i) => i.setting)).toEqual(['AKS_NODE_IMAGE_API_VERSION']);
  });

  it('reads the history retention in whole days, at least one', () => {
    expect(parseConfig({ AzureWebJobsStorage: AZURITE, HISTORY_RETENTION_DAYS: '30' }).historyRetentionDays).toBe(30);
    for (const bad of ['0', '-5', 'forever', '1.5']) expect(issuesOf({ AzureWebJobsStorage: AZURITE, HISTORY_RETENTION_DAYS: bad }).map((i) => i.setting)).toEqual(['HISTORY_RETENTION_DAYS']);
  });

  it('is frozen', () => {
    const config = parseConfig({ AzureWebJobsStorage: AZURITE });
    expect(Object.isFrozen(config) && Object.isFrozen(config.azure)).toBe(true);
  });

  it('reports every missing or invalid setting at once, by name, with what is expected', () => {
    const issues = issuesOf({
      ARM_ENDPOINT: 'http://management.azure.com',
      LOGS_ENDPOINT: 'not a url',
      AZURE_CREDENTIAL: 'password',
      CONDUCTOR_TABLE_PREFIX: '1bad-prefix',
      FLEET_API_VERSION: '2025-03-01',
      ARM_POLL_INTERVAL_IN_MS: 'soon',
    });
    expect(issues.map((i) => i.setting)).toEqual([
      'AzureWebJobsStorage',
      'CONDUCTOR_TABLE_PREFIX',
      'ARM_ENDPOINT',
      'LOGS_ENDPOINT',
      'AZURE_CREDENTIAL',
      'FLEET_API_VERSION',
      'ARM_POLL_INTERVAL_IN_MS',
    ]);
    expect(issues).toContainEqual({ setting: 'ARM_ENDPOINT', problem: 'expected an https:// URL, got "http://management.azure.com"' });
    expect(issues).toContainEqual({ setting: 'AZURE_CREDENTIAL', problem: 'expected one of managedidentity, default, got "password"' });
  });

  it('refuses Log Analytics limits above what Azure allows an identity (5 at once, 200 per 30 s)', () => {
    expect(issuesOf({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', LOGS_MAX_CONCURRENT_QUERIES: '6', LOGS_QUERIES_PER_30_SECONDS: '0' })).toEqual([
      { setting: 'LOGS_MAX_CONCURRENT_QUERIES', problem: 'expected a whole number from 1 to 5, got "6"' },
      { setting: 'LOGS_QUERIES_PER_30_SECONDS', problem: 'expected a whole number from 1 to 200, got "0"' },
    ]);
  });

  it('names all problems in the error message', () => {
    expect(() => parseConfig({ LOGS_ENDPOINT: 'nope' })).toThrow(
      /2 problems[\s\S]*AzureWebJobsStorage: not set[\s\S]*LOGS_ENDPOINT: expected an absolute URL/,
    );
  });

  it('refuses a storage setting that is not a connection string', () => {
    expect(issuesOf({ AzureWebJobsStorage: 'https://st.table.core.windows.net' })).toEqual([
      { setting: 'AzureWebJobsStorage', problem: 'expected a storage connection string with AccountName/TableEndpoint, or UseDevelopmentStorage=true' },
    ]);
  });

  it('takes the approval token key (base64, at least 32 bytes) and the public origin for links', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = parseConfig({ AzureWebJobsStorage: AZURITE, APPROVAL_TOKEN_KEY: key, WEBSITE_HOSTNAME: 'conductor.azurewebsites.net', TEAMS_APPROVALS_URL: ' https://t/x ' });
    expect(config.approvals).toEqual({ tokenKey: key, publicBaseUrl: 'https://conductor.azurewebsites.net' });
    expect(parseConfig({ AzureWebJobsStorage: AZURITE, APP_BASE_URL: 'http://localhost:7071/' }).approvals.publicBaseUrl).toBe('http://localhost:7071');
    expect(config.appSetting('TEAMS_APPROVALS_URL')).toBe('https://t/x');
    expect(config.appSetting('MISSING')).toBeUndefined();
  });

  it('disables approvals (named, not a config error) for a key that is short, not base64 or an unresolved Key Vault reference', () => {
    const cases: [string, string][] = [
      [Buffer.alloc(16, 1).toString('base64'), 'not base64 of at least 32 random bytes'],
      ['not base64 at all!', 'not base64 of at least 32 random bytes'],
      ['@Microsoft.KeyVault(VaultName=kv-conductor;SecretName=approval-token-key)', 'unresolved Key Vault reference'],
      ['@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/approval-token-key/)', 'unresolved Key Vault reference'],
    ];
    for (const [bad, problem] of cases) {
      const config = parseConfig({ AzureWebJobsStorage: AZURITE, APPROVAL_TOKEN_KEY: bad });
      expect(config.approvals.tokenKey).toBeUndefined();
      expect(config.approvals.keyProblem).toContain(problem);
      expect(config.approvals.keyProblem).toContain('APPROVAL_TOKEN_KEY');
    }
  });

  it('trusts principal headers only from a named source the platform guarantees', () => {
    const trust = (env: Record<string, string>) => parseConfig({ AzureWebJobsStorage: AZURITE, ...env }).callers;
    expect(trust({})).toMatchObject({ trusted: false, reason: expect.stringContaining('CONDUCTOR_PRINCIPAL_SOURCE is not set') });
    expect(trust({ CONDUCTOR_PRINCIPAL_SOURCE: 'appServiceAuthentication' })).toMatchObject({ source: 'appServiceAuthentication', trusted: false, reason: expect.stringContaining('WEBSITE_AUTH_ENABLED') });
    expect(trust({ CONDUCTOR_PRINCIPAL_SOURCE: 'appServiceAuthentication', WEBSITE_AUTH_ENABLED: 'False' })).toMatchObject({ trusted: false });
    expect(trust({ CONDUCTOR_PRINCIPAL_SOURCE: 'appServiceAuthentication', WEBSITE_AUTH_ENABLED: 'True' })).toEqual({ source: 'appServiceAuthentication', trusted: true });
    expect(trust({ CONDUCTOR_PRINCIPAL_SOURCE: 'localDevelopment' })).toEqual({ source: 'localDevelopment', trusted: true });
    expect(trust({ CONDUCTOR_PRINCIPAL_SOURCE: 'localDevelopment', WEBSITE_INSTANCE_ID: 'abc' })).toMatchObject({ trusted: false, reason: expect.stringContaining('on App Service') });
    expect(trust({ CONDUCTOR_PRINCIPAL_SOURCE: 'headers' })).toMatchObject({ source: undefined, trusted: false, reason: expect.stringContaining('"headers"') });
  });
});
