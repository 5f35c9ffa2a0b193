/**
 * The one module that reads the environment (docs/design.md §2.5). Everything else receives the typed, frozen Config.
 * Every missing or invalid setting is reported in one error, by name, with what is expected.
 */

import { z } from 'zod';
import { callerTrustOf, type CallerTrust } from './app/security/callerTrust';
import { houseMessages, schemaIssues } from './domain/schemas/schemaIssues';

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
  /** HISTORY_RETENTION_DAYS: run history older than this (by creation) is pruned by the reconcile timer, in batches. */
  readonly historyRetentionDays: number;
  /** OpenTelemetry to Azure Monitor (docs/design.md §9): off unless APPLICATIONINSIGHTS_CONNECTION_STRING is set. */
  readonly telemetry: TelemetryConfig;
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
    /** Retries of a failed ARM call (ARM_MAX_RETRIES); undefined → the Azure SDK's default (3). */
    readonly armMaxRetries?: number;
    /** Retries of a failed Log Analytics query (LOGS_MAX_RETRIES); undefined → the Azure SDK's default (3). */
    readonly logsMaxRetries?: number;
    /**
     * Log Analytics queries of this process in flight at once (LOGS_MAX_CONCURRENT_QUERIES, default 5) and started per
     * 30 s (LOGS_QUERIES_PER_30_SECONDS, default 200): Azure's per-user limits ("User query throttling" in "Azure
     * Monitor service limits"), which every instance shares; lower them when the identity also queries elsewhere.
     */
    readonly logsMaxConcurrentQueries: number;
    readonly logsQueriesPer30Seconds: number;
  };
}

export interface TelemetryConfig {
  readonly connectionString: string | undefined;
  /**
   * From APPLICATIONINSIGHTS_AUTHENTICATION_STRING (`Authorization=AAD`, optionally `ClientId=<id>;`): ingestion with
   * the managed identity, `system` for the system-assigned one; undefined → the connection string's own key.
   */
  readonly entraClientId: string | undefined;
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

/** A setting as App Service hands it over: trimmed; blank is the same as unset. */
const optional = z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined), z.string().optional());
const got = (issue: { readonly input?: unknown }): string => `got "${String(issue.input)}"`;

/** An absolute URL (https only when `requireHttps`), without trailing slashes. */
function url(options: { readonly requireHttps: boolean }) {
  return z
    .string()
    .superRefine((raw, ctx) => {
      let protocol: string;
      try {
        protocol = new URL(raw).protocol;
      } catch {
        ctx.addIssue({ code: 'custom', message: `expected an absolute URL, got "${raw}"` });
        return;
      }
      if (protocol !== 'https:' && (options.requireHttps || protocol !== 'http:')) ctx.addIssue({ code: 'custom', message: `expected an https:// URL, got "${raw}"` });
    })
    .transform((raw) => raw.replace(/\/+$/, ''));
}

/** A whole number in a range, read from text (the message quotes the text as given). */
function wholeNumber(range: { readonly min: number; readonly max: number }) {
  return z
    .string()
    .refine((raw) => /^-?\d+$/.test(raw) && Number(raw) >= range.min && Number(raw) <= range.max, {
      error: (issue) => `expected a whole number from ${range.min} to ${range.max}, ${got(issue)}`,
    })
    .transform((raw) => Number(raw));
}

/** Application Insights' `Authorization=AAD[;ClientId=<id>]`, as a map of lower-cased keys. */
function authenticationParts(raw: string): Map<string, string> {
  return new Map(raw.split(';').filter((p) => p.includes('=')).map((p) => [p.slice(0, p.indexOf('=')).trim().toLowerCase(), p.slice(p.indexOf('=') + 1).trim()]));
}

const API_VERSION = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(-preview)?$/;
/** An ARM api-version (`YYYY-MM-DD` or `YYYY-MM-DD-preview`), no earlier than `earliest` when given. */
function apiVersion(fallback: string, earliest?: { readonly date: string; readonly why: string }) {
  return optional.pipe(
    z
      .string()
      .regex(API_VERSION, { error: (issue) => `expected an api-version such as 2026-06-01 or 2026-06-02-preview, ${got(issue)}` })
      .refine((raw) => earliest === undefined || raw.slice(0, 10) >= earliest.date, { error: (issue) => `expected ${earliest?.why ?? ''}, ${got(issue)}` })
      .default(fallback),
  );
}

/** Fleet gates (and the strategy fields Conductor writes) exist from 2025-04-01-preview on. */
const FIRST_GATE_API = { date: '2025-04-01', why: 'a gate-aware api-version (2025-04-01-preview or later, e.g. 2026-06-01)' };
const CREDENTIALS = ['managedidentity', 'default'] as const satisfies readonly CredentialKind[];
const STORAGE_CONNECTION = /(^|;)(TableEndpoint|AccountName)=/i;

/**
 * The app settings Conductor reads, by name. Listed in the order problems are reported; every problem is found in
 * one pass. Settings that disable a feature rather than the app (the approval key) are not errors here: their
 * problem is named by /api/health instead.
 */
const settingsSchema = z
  .object({
    AzureWebJobsStorage: optional.pipe(
      z
        .string()
        .refine((raw) => raw === 'UseDevelopmentStorage=true' || STORAGE_CONNECTION.test(raw), {
          error: 'expected a storage connection string with AccountName/TableEndpoint, or UseDevelopmentStorage=true',
        })
        .optional(),
    ),
    AzureWebJobsStorage__tableServiceUri: optional.pipe(z.string().regex(/^https:\/\//, { error: (issue) => `expected an https:// URL, ${got(issue)}` }).optional()),
    CONDUCTOR_CONFIG_PATH: optional.pipe(z.string().default('conductor.yaml')),
    NOTIFY_WEBHOOK_URL: optional.pipe(url({ requireHttps: false }).optional()),
    APPROVAL_TOKEN_KEY: optional,
    APP_BASE_URL: optional.pipe(url({ requireHttps: false }).optional()),
    WEBSITE_HOSTNAME: optional,
    CONDUCTOR_PRINCIPAL_SOURCE: optional,
    WEBSITE_AUTH_ENABLED: optional,
    WEBSITE_INSTANCE_ID: optional,
    CONDUCTOR_TABLE_PREFIX: optional.pipe(
      z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, { error: (issue) => `expected a letter then up to 39 letters or digits, ${got(issue)}` })
        .default('conductor'),
    ),
    ARM_ENDPOINT: optional.pipe(url({ requireHttps: true }).default('https://management.azure.com')),
    LOGS_ENDPOINT: optional.pipe(url({ requireHttps: true }).default('https://api.loganalytics.io/v1')),
    AZURE_CA_FILE: optional,
    AZURE_CREDENTIAL: optional.pipe(
      z
        .string()
        .transform((raw) => raw.toLowerCase())
        .pipe(z.enum(CREDENTIALS, { error: (issue) => `expected one of ${CREDENTIALS.join(', ')}, ${got(issue)}` }))
        .default('managedidentity'),
    ),
    AZURE_CLIENT_ID: optional,
    FLEET_API_VERSION: apiVersion('2026-06-01', FIRST_GATE_API),
    AKS_NODE_IMAGE_API_VERSION: apiVersion('2026-08-02-preview'),
    ARM_POLL_INTERVAL_IN_MS: optional.pipe(
      z
        .string()
        .transform((raw) => Number(raw))
        .pipe(z.number().int().min(1).max(60_000))
        .optional(),
    ), // Its message names the raw text, so parseConfig words it where the text is known.
    ARM_MAX_RETRIES: optional.pipe(wholeNumber({ min: 0, max: 10 }).optional()),
    LOGS_MAX_RETRIES: optional.pipe(wholeNumber({ min: 0, max: 10 }).optional()),
    LOGS_MAX_CONCURRENT_QUERIES: optional.pipe(wholeNumber({ min: 1, max: 5 }).optional()),
    LOGS_QUERIES_PER_30_SECONDS: optional.pipe(wholeNumber({ min: 1, max: 200 }).optional()),
    HISTORY_RETENTION_DAYS: optional.pipe(wholeNumber({ min: 1, max: 36_500 }).optional()),
    STUCK_RUN_NOTIFY_AFTER_MINUTES: optional.pipe(wholeNumber({ min: 1, max: 10_080 }).optional()),
    MEMBER_UPGRADE_EXPECTED_MINUTES: optional.pipe(wholeNumber({ min: 1, max: 1440 }).optional()),
    PREFLIGHT_REFRESH_HOURS: optional.pipe(wholeNumber({ min: 1, max: 720 }).optional()),
    APPLICATIONINSIGHTS_CONNECTION_STRING: optional.pipe(
      z
        .string()
        .regex(/(^|;)\s*(InstrumentationKey|IngestionEndpoint)=/i, { error: 'expected an Application Insights connection string (InstrumentationKey=...;IngestionEndpoint=...)' })
        .optional(),
    ),
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: optional.pipe(
      z
        .string()
        .refine((raw) => authenticationParts(raw).get('authorization')?.toLowerCase() === 'aad', {
          error: 'expected "Authorization=AAD" or "ClientId=<client id>;Authorization=AAD"',
        })
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.AzureWebJobsStorage === undefined && env.AzureWebJobsStorage__tableServiceUri === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['AzureWebJobsStorage'],
        message: 'not set: give a connection string (locally the Azurite one) or set AzureWebJobsStorage__tableServiceUri to use the managed identity',
      });
    }
  }, { when: () => true });

type Settings = z.output<typeof settingsSchema>;
/** Every app setting Conductor reads by name (channel settings named by conductor.yaml are looked up by appSetting). */
export const SETTING_NAMES: readonly string[] = Object.keys(settingsSchema.shape);

/**
 * The approval key, or why approvals are disabled. An unusable key does not fail the app: health, history and gates
 * without approval keep working, and approvals stay off with a named reason. App Service hands the literal
 * `@Microsoft.KeyVault(...)` to the app when it could not resolve a Key Vault reference ("Use Key Vault references as
 * app settings": the app setting then holds the reference itself), e.g. when the secret was created after the setting.
 */
function readTokenKey(raw: string | undefined): { readonly tokenKey: string | undefined; readonly keyProblem?: string } {
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

/** At least 32 bytes: HMAC-SHA256 keys shorter than the hash weaken it. */
const MIN_TOKEN_KEY_BYTES = 32;

function toConfig(env: Env, s: Settings): Config {
  const storage: StorageConfig =
    s.AzureWebJobsStorage !== undefined
      ? { kind: 'connectionString', connectionString: s.AzureWebJobsStorage }
      : { kind: 'identity', tableServiceUri: s.AzureWebJobsStorage__tableServiceUri ?? '' };
  return {
    storage,
    conductorConfigPath: s.CONDUCTOR_CONFIG_PATH,
    notifyWebhookUrl: s.NOTIFY_WEBHOOK_URL,
    approvals: { ...readTokenKey(s.APPROVAL_TOKEN_KEY), publicBaseUrl: s.APP_BASE_URL ?? (s.WEBSITE_HOSTNAME === undefined ? undefined : `https://${s.WEBSITE_HOSTNAME}`) },
    appSetting: (name) => {
      const value = env[name]?.trim();
      return value === undefined || value === '' ? undefined : value;
    },
    callers: callerTrustOf({ source: s.CONDUCTOR_PRINCIPAL_SOURCE, websiteAuthEnabled: s.WEBSITE_AUTH_ENABLED, websiteInstanceId: s.WEBSITE_INSTANCE_ID }),
    historyRetentionDays: s.HISTORY_RETENTION_DAYS ?? 400,
    diagnosis: {
      stuckNotifyAfterMinutes: s.STUCK_RUN_NOTIFY_AFTER_MINUTES ?? 120,
      memberUpgradeExpectedMinutes: s.MEMBER_UPGRADE_EXPECTED_MINUTES ?? 60,
      preflightRefreshHours: s.PREFLIGHT_REFRESH_HOURS ?? 24,
    },
    telemetry: {
      connectionString: s.APPLICATIONINSIGHTS_CONNECTION_STRING,
      entraClientId: s.APPLICATIONINSIGHTS_AUTHENTICATION_STRING === undefined ? undefined : authenticationParts(s.APPLICATIONINSIGHTS_AUTHENTICATION_STRING).get('clientid') || 'system',
    },
    tablePrefix: s.CONDUCTOR_TABLE_PREFIX,
    azure: {
      armEndpoint: s.ARM_ENDPOINT,
      logsEndpoint: s.LOGS_ENDPOINT,
      caFile: s.AZURE_CA_FILE,
      credential: s.AZURE_CREDENTIAL,
      managedIdentityClientId: s.AZURE_CLIENT_ID,
      fleetApiVersion: s.FLEET_API_VERSION,
      aksNodeImageApiVersion: s.AKS_NODE_IMAGE_API_VERSION,
      armPollIntervalInMs: s.ARM_POLL_INTERVAL_IN_MS ?? 2000,
      ...(s.ARM_MAX_RETRIES === undefined ? {} : { armMaxRetries: s.ARM_MAX_RETRIES }),
      ...(s.LOGS_MAX_RETRIES === undefined ? {} : { logsMaxRetries: s.LOGS_MAX_RETRIES }),
      logsMaxConcurrentQueries: s.LOGS_MAX_CONCURRENT_QUERIES ?? 5,
      logsQueriesPer30Seconds: s.LOGS_QUERIES_PER_30_SECONDS ?? 200,
    },
  };
}

/** Parses settings from a plain object (tests pass one; production passes process.env). */
export function parseConfig(env: Env): Config {
  const result = settingsSchema.safeParse(env, { error: houseMessages });
  if (!result.success) {
    const issues = schemaIssues(result.error).map((issue): ConfigIssue => {
      const setting = issue.path.split(/[.[]/)[0] ?? issue.path;
      // Numbers are read from text: say what was given, in the setting's own words.
      if (setting === 'ARM_POLL_INTERVAL_IN_MS') return { setting, problem: `expected a whole number from 1 to 60000, got "${env[setting]?.trim() ?? ''}"` };
      return { setting, problem: issue.message };
    });
    throw new ConfigError(issues.sort((a, b) => SETTING_NAMES.indexOf(a.setting) - SETTING_NAMES.indexOf(b.setting)));
  }
  return deepFreeze(toConfig(env, result.data));
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
