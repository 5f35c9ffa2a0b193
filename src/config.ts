/**
 * The one module that reads the environment (docs/design.md §2.5). Everything else receives the typed, frozen Config.
 * Every missing or invalid setting is reported in one error, by name, with what is expected.
 */

import { callerTrustOf, type CallerTrust } from './app/security/callerTrust';

export type StorageConfig =
  | { readonly kind: 'connectionString'; readonly connectionString: string }
  | { readonly kind: 'identity'; readonly tableServiceUri: string };

export type CredentialKind = 'managedidentity' | 'default';

export interface Config {
  /** Table Storage holding Conductor's state (AzureWebJobsStorage, or its identity-based form). */
  readonly storage: StorageConfig;
  /** Prefix of every table Conductor creates (letters and digits; Azure table names are alphanumeric). */
  readonly tablePrefix: string;
  /** Config-as-code: fleets, the managed strategy and gate policies (YAML or JSON). */
  readonly conductorConfigPath: string;
  /** Generic JSON webhook receiving notifications; undefined → notifications go to the log only. */
  readonly notifyWebhookUrl: string | undefined;
  /** Human approvals (issue 7). */
  readonly approvals: {
    /**
     * APPROVAL_TOKEN_KEY: base64 of ≥ 32 random bytes signing approval links (and, through a derived key, the
     * approval ledger rows); undefined → approvals are disabled (`keyProblem` says why when the value is unusable).
     */
    readonly tokenKey: string | undefined;
    /**
     * Why approvals are disabled although APPROVAL_TOKEN_KEY is set (an unresolved Key Vault reference, a short or
     * non-base64 key). Reported by /api/health instead of failing every function.
     */
    readonly keyProblem?: string;
    /** Public origin of the app for approval links: APP_BASE_URL, else https://WEBSITE_HOSTNAME (set by App Service). */
    readonly publicBaseUrl: string | undefined;
  };
  /**
   * An app setting by name: approval policies name the settings holding channel URLs and secrets (never the values),
   * so they are looked up, and validated, where they are used. Undefined when unset or blank.
   */
  readonly appSetting: (name: string) => string | undefined;
  /** Whether principal headers can be believed (CONDUCTOR_PRINCIPAL_SOURCE, WEBSITE_AUTH_ENABLED). */
  readonly callers: CallerTrust;
  /** Stuck-run diagnosis and the timer's preflight (issue 17). */
  readonly diagnosis: {
    /** A run stuck this long is notified, once per stuck episode (STUCK_RUN_NOTIFY_AFTER_MINUTES, default 120). */
    readonly stuckNotifyAfterMinutes: number;
    /** A member upgrading longer than this is "slow" and its Warning events are read (MEMBER_UPGRADE_EXPECTED_MINUTES, default 60). */
    readonly memberUpgradeExpectedMinutes: number;
    /** The timer re-runs a fleet's preflight when its stored one is older than this (PREFLIGHT_REFRESH_HOURS, default 24). */
    readonly preflightRefreshHours: number;
  };
  readonly azure: {
    /** Azure Resource Manager endpoint (the emulator's URL locally). */
    readonly armEndpoint: string;
    /** Log Analytics query endpoint, including the /v1 segment. */
    readonly logsEndpoint: string;
    /** Extra trusted CA (PEM file) for ARM and Log Analytics; set only for a local emulator. */
    readonly caFile: string | undefined;
    readonly credential: CredentialKind;
    /** Client id of a user-assigned managed identity; undefined for system-assigned. */
    readonly managedIdentityClientId: string | undefined;
    /**
     * Gate-aware Fleet api-version: stable (`2026-06-01`, the first GA version with gates) or a preview from
     * 2025-04-01-preview on. Previews stop working about a year after release (docs/azure-apis.md §7).
     */
    readonly fleetApiVersion: string;
    /** AKS api-version for `locations/{l}/nodeImageVersions`, which exists only in previews (docs/azure-apis.md §7). */
    readonly aksNodeImageApiVersion: string;
    /** Wait between polls of a long-running ARM operation when Azure sends no Retry-After. */
    readonly armPollIntervalInMs: number;
  };
}

export interface ConfigIssue {
  readonly setting: string;
  readonly problem: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(
      `Fleet Conductor is not configured correctly (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `  - ${i.setting}: ${i.problem}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

class SettingsReader {
  readonly issues: ConfigIssue[] = [];
  constructor(private readonly env: Env) {}

  optional(name: string): string | undefined {
    const v = this.env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  }

  url(name: string, fallback: string, options: { requireHttps: boolean }): string {
    const raw = this.optional(name) ?? fallback;
    try {
      const u = new URL(raw);
      if (u.protocol !== 'https:' && (options.requireHttps || u.protocol !== 'http:')) {
        this.issues.push({ setting: name, problem: `expected an https:// URL, got "${raw}"` });
      }
    } catch {
      this.issues.push({ setting: name, problem: `expected an absolute URL, got "${raw}"` });
    }
    return raw.replace(/\/+$/, '');
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name)?.toLowerCase() ?? fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.issues.push({ setting: name, problem: `expected one of ${allowed.join(', ')}, got "${raw}"` });
      return fallback;
    }
    return raw as T;
  }

  integer(name: string, fallback: number, range: { min: number; max: number }): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < range.min || n > range.max) {
      this.issues.push({ setting: name, problem: `expected a whole number from ${range.min} to ${range.max}, got "${raw}"` });
      return fallback;
    }
    return n;
  }

  /** An ARM api-version (`YYYY-MM-DD` or `YYYY-MM-DD-preview`), no earlier than `earliest` when given. */
  apiVersion(name: string, fallback: string, earliest?: { date: string; why: string }): string {
    const raw = this.pattern(name, fallback, API_VERSION, 'an api-version such as 2026-06-01 or 2026-06-02-preview');
    if (earliest && API_VERSION.test(raw) && raw.slice(0, 10) < earliest.date) this.issues.push({ setting: name, problem: `expected ${earliest.why}, got "${raw}"` });
    return raw;
  }

  pattern(name: string, fallback: string, re: RegExp, expected: string): string {
    const raw = this.optional(name) ?? fallback;
    if (!re.test(raw)) this.issues.push({ setting: name, problem: `expected ${expected}, got "${raw}"` });
    return raw;
  }
}

const API_VERSION = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(-preview)?$/;
/** Fleet gates (and the strategy fields Conductor writes) exist from 2025-04-01-preview on. */
const FIRST_GATE_API = { date: '2025-04-01', why: 'a gate-aware api-version (2025-04-01-preview or later, e.g. 2026-06-01)' };

/** At least 32 bytes: HMAC-SHA256 keys shorter than the hash weaken it. */
const MIN_TOKEN_KEY_BYTES = 32;

/**
 * The approval key, or why approvals are disabled. An unusable key does not fail the app: health, history and gates
 * without approval keep working, and approvals stay off with a named reason. App Service hands the literal
 * `@Microsoft.KeyVault(...)` to the app when it could not resolve a Key Vault reference ("Use Key Vault references as
 * app settings": the app setting then holds the reference itself), e.g. when the secret was created after the setting.
 */
function readTokenKey(r: SettingsReader): { readonly tokenKey: string | undefined; readonly keyProblem?: string } {
  const raw = r.optional('APPROVAL_TOKEN_KEY');
  if (raw === undefined) return { tokenKey: undefined };
  if (/^@Microsoft\.KeyVault\(/i.test(raw)) {
    return { tokenKey: undefined, keyProblem: 'APPROVAL_TOKEN_KEY is an unresolved Key Vault reference (@Microsoft.KeyVault(...)): check that the secret exists and the app identity may read it, then restart the app; approvals are disabled' };
  }
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) && raw.length % 4 === 0 ? Buffer.from(raw, 'base64').length : 0;
  if (bytes < MIN_TOKEN_KEY_BYTES) {
    return { tokenKey: undefined, keyProblem: `APPROVAL_TOKEN_KEY is not base64 of at least ${MIN_TOKEN_KEY_BYTES} random bytes (e.g. openssl rand -base64 32); approvals are disabled` };
  }
  return { tokenKey: raw };
}

function readPublicBaseUrl(r: SettingsReader): string | undefined {
  if (r.optional('APP_BASE_URL') !== undefined) return r.url('APP_BASE_URL', '', { requireHttps: false });
  const host = r.optional('WEBSITE_HOSTNAME');
  return host === undefined ? undefined : `https://${host}`;
}

function readStorage(r: SettingsReader): StorageConfig {
  const connectionString = r.optional('AzureWebJobsStorage');
  const tableServiceUri = r.optional('AzureWebJobsStorage__tableServiceUri');
  if (connectionString) {
    if (connectionString === 'UseDevelopmentStorage=true' || /(^|;)(TableEndpoint|AccountName)=/i.test(connectionString)) {
      return { kind: 'connectionString', connectionString };
    }
    r.issues.push({
      setting: 'AzureWebJobsStorage',
      problem: 'expected a storage connection string with AccountName/TableEndpoint, or UseDevelopmentStorage=true',
    });
    return { kind: 'connectionString', connectionString };
  }
  if (tableServiceUri) {
    if (!/^https:\/\//.test(tableServiceUri)) {
      r.issues.push({ setting: 'AzureWebJobsStorage__tableServiceUri', problem: `expected an https:// URL, got "${tableServiceUri}"` });
    }
    return { kind: 'identity', tableServiceUri };
  }
  r.issues.push({
    setting: 'AzureWebJobsStorage',
    problem:
      'not set: give a connection string (locally the Azurite one) or set AzureWebJobsStorage__tableServiceUri to use the managed identity',
  });
  return { kind: 'connectionString', connectionString: '' };
}

/** Parses settings from a plain object (tests pass one; production passes process.env). */
export function parseConfig(env: Env): Config {
  const r = new SettingsReader(env);
  const config: Config = {
    storage: readStorage(r),
    conductorConfigPath: r.optional('CONDUCTOR_CONFIG_PATH') ?? 'conductor.yaml',
    notifyWebhookUrl: r.optional('NOTIFY_WEBHOOK_URL') === undefined ? undefined : r.url('NOTIFY_WEBHOOK_URL', '', { requireHttps: false }),
    approvals: { ...readTokenKey(r), publicBaseUrl: readPublicBaseUrl(r) },
    appSetting: (name) => r.optional(name),
    callers: callerTrustOf({
      source: r.optional('CONDUCTOR_PRINCIPAL_SOURCE'),
      websiteAuthEnabled: r.optional('WEBSITE_AUTH_ENABLED'),
      websiteInstanceId: r.optional('WEBSITE_INSTANCE_ID'),
    }),
    diagnosis: {
      stuckNotifyAfterMinutes: r.integer('STUCK_RUN_NOTIFY_AFTER_MINUTES', 120, { min: 1, max: 10_080 }),
      memberUpgradeExpectedMinutes: r.integer('MEMBER_UPGRADE_EXPECTED_MINUTES', 60, { min: 1, max: 1440 }),
      preflightRefreshHours: r.integer('PREFLIGHT_REFRESH_HOURS', 24, { min: 1, max: 720 }),
    },
    tablePrefix: r.pattern('CONDUCTOR_TABLE_PREFIX', 'conductor', /^[A-Za-z][A-Za-z0-9]{0,39}$/, 'a letter then up to 39 letters or digits'),
    azure: {
      armEndpoint: r.url('ARM_ENDPOINT', 'https://management.azure.com', { requireHttps: true }),
      logsEndpoint: r.url('LOGS_ENDPOINT', 'https://api.loganalytics.io/v1', { requireHttps: true }),
      caFile: r.optional('AZURE_CA_FILE'),
      credential: r.oneOf<CredentialKind>('AZURE_CREDENTIAL', ['managedidentity', 'default'], 'managedidentity'),
      managedIdentityClientId: r.optional('AZURE_CLIENT_ID'),
      fleetApiVersion: r.apiVersion('FLEET_API_VERSION', '2026-06-01', FIRST_GATE_API),
      aksNodeImageApiVersion: r.apiVersion('AKS_NODE_IMAGE_API_VERSION', '2026-08-02-preview'),
      armPollIntervalInMs: r.integer('ARM_POLL_INTERVAL_IN_MS', 2000, { min: 1, max: 60_000 }),
    },
  };
  if (r.issues.length > 0) throw new ConfigError(r.issues);
  return deepFreeze(config);
}

/** The process's configuration. */
export function loadConfig(): Config {
  return parseConfig(process.env);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
