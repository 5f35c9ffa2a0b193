import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { TokenCredential } from '@azure/core-auth';
import type { Pipeline } from '@azure/core-rest-pipeline';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import type { Config } from '../config';
import { appVersion } from '../version';
import { createServices, type ServiceDeps, type Services } from './createServices';
import type { GateDeps } from '../app/gates/gateDeps';
import type { ReleaseDeps } from '../app/releases/releaseDeps';
import type { HistoryDeps } from '../app/history/historyDeps';
import { createReleaseDeps } from '../app/releases/createReleaseDeps';
import { RunHistoryRecorder } from '../app/history/RunHistoryRecorder';
import { recordStartedRuns } from '../app/history/recordStartedRuns';
import { systemClock } from '../adapters/systemClock';
import type { ConductorConfig } from '../domain/config/conductorConfig';
import type {
  AppLog,
  ApprovalStore,
  AuditLog,
  Clock,
  EvidenceStore,
  FleetApi,
  GateStore,
  LogsQuery,
  Notifier,
  Outbox,
  PreflightSource,
  PreflightStore,
  ReleaseSource,
  ReleaseStore,
  RunCreator,
  RunHistoryStore,
  TimerRunLog,
} from '../ports';
import { createTableClientFactory } from '../adapters/tables/tableClientFactory';
import { TableTimerRunLog } from '../adapters/tables/TableTimerRunLog';
import { TableGateStore } from '../adapters/tables/TableGateStore';
import { TableEvidenceStore } from '../adapters/tables/TableEvidenceStore';
import { TableAuditLog } from '../adapters/tables/TableAuditLog';
import { TableOutbox } from '../adapters/tables/TableOutbox';
import { TableReleaseStore } from '../adapters/tables/TableReleaseStore';
import { TableRunHistory } from '../adapters/tables/TableRunHistory';
import { TableApprovalStore } from '../adapters/tables/TableApprovalStore';
import { ArmTransport } from '../adapters/arm/ArmTransport';
import { ArmFleetApi } from '../adapters/arm/ArmFleetApi';
import { ArmReleaseSource } from '../adapters/arm/ArmReleaseSource';
import { ArmRunCreator } from '../adapters/arm/ArmRunCreator';
import { ArmPreflightSource } from '../adapters/arm/ArmPreflightSource';
import { createAzureAgent, createContainerServiceClient, createFleetClient, createLogsQueryClient } from '../adapters/azureClients';
import { LogAnalyticsLogsQuery } from '../adapters/logs/LogAnalyticsLogsQuery';
import { AZURE_LOGS_QUERY_LIMITS, LogsQueryPacer } from '../adapters/logs/LogsQueryPacer';
import { ArmRequestBudget, budgetArmRequests, type BudgetTime } from '../adapters/arm/ArmRequestBudget';
import { loadConductorConfigFile } from '../adapters/config/loadConductorConfigFile';
import { conductorConfigProblems } from './conductorConfigProblems';
import { LogNotifier } from '../adapters/notify/LogNotifier';
import { WebhookNotifier } from '../adapters/notify/WebhookNotifier';
import { FanOutNotifier } from '../adapters/notify/FanOutNotifier';
import { HmacSigner } from '../adapters/crypto/HmacSigner';
import { TeamsNotifier } from '../adapters/notify/TeamsNotifier';
import { SignedWebhookNotifier } from '../adapters/notify/SignedWebhookNotifier';
import { ChannelNotifier } from '../adapters/notify/ChannelNotifier';
import { APPROVAL_CHANNEL } from '../app/approvals/approvalChannels';
import { sealedApprovalStore } from '../app/approvals/sealedApprovalStore';
import type { ApprovalsStatus } from '../app/getHealth';
import type { PreflightDeps } from '../app/preflight/preflightDeps';
import { processTelemetry, type ProcessTelemetry } from './processTelemetry';
import { firstSeenOfRun } from '../adapters/telemetry/firstSeenOfRun';
import type { DiagnosisDeps } from '../app/diagnosis/diagnosisDeps';
import type { TickWatches } from '../app/diagnosis/runTickWatches';
import { TablePreflightStore } from '../adapters/tables/TablePreflightStore';
import { conductorConfigHash } from '../adapters/config/conductorConfigHash';

/**
 * Everything the use cases act through, as the composition builds it from the config: ARM and Log Analytics
 * adapters, Table Storage stores, the notifier, and the Conductor configuration file's content.
 */
export interface Adapters {
  /** The Conductor configuration (CONDUCTOR_CONFIG_PATH), validated. */
  readonly conductor: ConductorConfig;
  readonly fleet: FleetApi;
  readonly source: ReleaseSource;
  readonly runs: RunCreator;
  readonly preflight: PreflightSource;
  readonly logs: LogsQuery;
  readonly gates: GateStore;
  readonly evidence: EvidenceStore;
  readonly releases: ReleaseStore;
  readonly history: RunHistoryStore;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  /** The Approvals table as stored; the composition seals it (ledgers signed on write, verified on read). */
  readonly approvals: ApprovalStore;
  readonly timerRuns: TimerRunLog;
  /** Stored preflight reports (the timer's preflight watch writes them; the fleet view reads them). */
  readonly preflights: PreflightStore;
  /** The notifier of one invocation (it logs to that invocation's log). */
  readonly notifier: (log: AppLog) => Notifier;
}

/**
 * What a host or a test may give instead of what the config implies. Production gives nothing (Azure's host) or a
 * clock (the local host's virtual time); tests give a static credential and the emulator's virtual clock.
 */
export interface CompositionOverrides {
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** For ARM, Log Analytics and identity-based Table Storage. Default: from AZURE_CREDENTIAL / AZURE_CLIENT_ID. */
  readonly credential?: TokenCredential;
  /** An extra trusted CA (PEM). Default: the content of AZURE_CA_FILE, if set. */
  readonly caPem?: string;
  /**
   * The one seam for unit-level tests that run use cases over in-memory fakes (test/support/fakes): each adapter
   * given here replaces the one the config would build. Hosts never set it.
   */
  readonly adapters?: Partial<Adapters>;
  /**
   * Telemetry decorators (docs/design.md §9). Default: the process's own, on only when
   * APPLICATIONINSIGHTS_CONNECTION_STRING is set; tests give one over in-memory exporters.
   */
  readonly telemetry?: ProcessTelemetry;
  /**
   * Real time for the request budgets' waits (ARM's token buckets, the Log Analytics pacer): how long a request
   * really waited and the timer it waits on. Default: performance.now and setTimeout. Tests over the emulator give
   * one that moves by what is slept, so pacing changes no count and costs no wall time.
   */
  readonly realTime?: BudgetTime;
}

/** A composed app: the services function bindings call, and the adapters under them (tests read state through these). */
export interface App {
  readonly services: Services;
  /** Built on first use, like the services' own: reading one never builds another. */
  readonly adapters: Adapters;
  /** Each use-case family's dependencies as the services get them (tests drive a use case directly through these). */
  readonly deps: ComposedDeps;
}

/** The services' dependencies, every use-case family wired. */
type ComposedDeps = ServiceDeps & Required<Pick<ServiceDeps, 'releases' | 'history' | 'preflight'>>;

function approvalsStatusOf(config: Config): ApprovalsStatus {
  if (config.approvals.keyProblem !== undefined) return { enabled: false, reason: config.approvals.keyProblem, misconfigured: true };
  if (config.approvals.tokenKey === undefined) return { enabled: false, reason: 'APPROVAL_TOKEN_KEY is not set: approvals are disabled' };
  return { enabled: true };
}

function createCredential(config: Config): TokenCredential {
  if (config.azure.credential === 'default') return new DefaultAzureCredential();
  const clientId = config.azure.managedIdentityClientId;
  return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
}

function memo<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

function perSubscription<T>(make: (subscriptionId: string) => T): (subscriptionId: string) => T {
  const made = new Map<string, T>();
  return (subscriptionId) => {
    let value = made.get(subscriptionId);
    if (value === undefined) made.set(subscriptionId, (value = make(subscriptionId)));
    return value;
  };
}

/** An object whose properties are built on first read (an override, when given, instead). */
function lazily<T extends object>(makers: { readonly [K in keyof T]: () => T[K] }, given: Partial<T> = {}): T {
  const out = {} as T;
  for (const key of Object.keys(makers) as (keyof T)[]) {
    const make = memo(() => (given[key] !== undefined ? (given[key] as T[typeof key]) : makers[key]()));
    Object.defineProperty(out, key, { enumerable: true, get: make });
  }
  return out;
}

/**
 * The one wiring of the app (docs/design.md §2.5): every adapter from the typed config — Azure, or the local
 * emulator and Azurite, where only endpoints, credentials and the CA differ — and the use cases over them. Hosts,
 * integration and end-to-end tests all compose the app here. Everything is built on first use, so a broken
 * Conductor configuration never stops /api/health.
 */
export function composeApp(config: Config, overrides: CompositionOverrides = {}): App {
  const clock = overrides.clock ?? systemClock;
  const credential = memo(() => overrides.credential ?? createCredential(config));
  const caPem = memo(() => overrides.caPem ?? (config.azure.caFile ? fs.readFileSync(config.azure.caFile, 'utf8') : undefined));
  const agent = memo(() => createAzureAgent(caPem()));
  const tables = createTableClientFactory(config.storage, config.tablePrefix, credential, agent);
  // Checked against the Fleet api-version the app will write with (maxConcurrency needs 2026-02-01-preview or later).
  const conductor = memo(() => loadConductorConfigFile(config.conductorConfigPath, { fleetApiVersion: config.azure.fleetApiVersion }));
  // Telemetry decorates stores, ARM pipelines and services; without it they are used as built.
  const telemetry = overrides.telemetry ?? processTelemetry(config);
  // One per process: ARM's buckets are per subscription and principal, whichever client or fleet sends.
  const realTime: BudgetTime = overrides.realTime ?? { realMs: () => performance.now(), sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
  const armBudget = memo(() => new ArmRequestBudget(realTime));
  const withArmPolicies = <C extends { readonly pipeline: Pipeline }>(client: C): C => {
    budgetArmRequests(client.pipeline, armBudget());
    telemetry?.armPipeline(client.pipeline);
    return client;
  };
  const arm = memo(() => {
    const fleetClient = perSubscription((s) => withArmPolicies(createFleetClient(config, credential(), s, agent())));
    const aksClient = perSubscription((s) => withArmPolicies(createContainerServiceClient(config, credential(), s, agent())));
    // Raw calls are not tied to a subscription; any client's pipeline carries the same auth, retry and TLS.
    const anySubscription = conductor().fleets[0]?.subscriptionId ?? '00000000-0000-0000-0000-000000000000';
    const lro = { pollIntervalInMs: config.azure.armPollIntervalInMs, lroTimeoutInMs: 10 * 60_000 };
    const options = { previewApiVersion: config.azure.fleetApiVersion, pollIntervalInMs: config.azure.armPollIntervalInMs };
    return {
      fleetClient,
      aksClient,
      options,
      transport: new ArmTransport(fleetClient(anySubscription).pipeline, config.azure.armEndpoint, lro),
      aksTransport: new ArmTransport(aksClient(anySubscription).pipeline, config.azure.armEndpoint, lro),
    };
  });
  const stores = memo(() => {
    const built = { gates: new TableGateStore(tables), evidence: new TableEvidenceStore(tables), releases: new TableReleaseStore(tables), history: new TableRunHistory(tables) };
    // Release-to-completion reads first sightings from the stores when this instance never evaluated the release.
    return telemetry?.stores(built, { firstSeenOfRun: (run) => firstSeenOfRun(adapters.source, built.releases)(run) }) ?? built;
  });
  const adapters: Adapters = lazily<Adapters>(
    {
      conductor,
      fleet: () => new ArmFleetApi(arm().fleetClient, arm().transport, arm().options),
      source: () => new ArmReleaseSource({ fleet: arm().fleetClient, aks: arm().aksClient }, arm().aksTransport, { nodeImageApiVersion: config.azure.aksNodeImageApiVersion }),
      runs: () => new ArmRunCreator(arm().fleetClient, arm().transport, arm().options),
      preflight: () => new ArmPreflightSource(arm().aksTransport),
      logs: () => {
        // One pacer per process: the query budget is the identity's, whichever fleet or gate asks.
        const limits = { ...AZURE_LOGS_QUERY_LIMITS, maxConcurrent: config.azure.logsMaxConcurrentQueries, queriesPerWindow: config.azure.logsQueriesPer30Seconds };
        const time = { nowMs: () => Date.parse(clock.nowIso()), realMs: () => realTime.realMs(), sleep: (ms: number) => realTime.sleep(ms) };
        return new LogAnalyticsLogsQuery(createLogsQueryClient(config, credential(), agent()), new LogsQueryPacer(limits, time));
      },
      gates: () => stores().gates,
      evidence: () => stores().evidence,
      releases: () => stores().releases,
      history: () => stores().history,
      audit: () => new TableAuditLog(tables),
      outbox: () => {
        const outbox = new TableOutbox(tables);
        return telemetry?.outbox(outbox) ?? outbox;
      },
      approvals: () => new TableApprovalStore(tables),
      timerRuns: () => new TableTimerRunLog(tables),
      preflights: () => new TablePreflightStore(tables),
      notifier: () => (log: AppLog) => {
        const logNotifier = new LogNotifier(() => log);
        const pem = caPem();
        const post = pem ? { caPem: pem } : {};
        const webhook = config.notifyWebhookUrl;
        const fallback = webhook ? new FanOutNotifier([logNotifier, new WebhookNotifier(webhook, post)]) : logNotifier;
        // Approval requests go to their own channels; the secrets are read by setting name when sent.
        return new ChannelNotifier(
          {
            [APPROVAL_CHANNEL.teams]: new TeamsNotifier(config.appSetting, post),
            [APPROVAL_CHANNEL.webhook]: new SignedWebhookNotifier(config.appSetting, () => Math.floor(Date.parse(clock.nowIso()) / 1000), post),
          },
          fallback,
        );
      },
    },
    overrides.adapters,
  );
  const approvals = memo(() => {
    const signer = config.approvals.tokenKey === undefined ? undefined : new HmacSigner(config.approvals.tokenKey);
    return { store: sealedApprovalStore(adapters.approvals, signer), signer, publicBaseUrl: config.approvals.publicBaseUrl, appSetting: config.appSetting };
  });
  const a = adapters;
  const gates = memo(
    (): Omit<GateDeps, 'log'> => ({
      config: a.conductor,
      fleet: a.fleet,
      logs: a.logs,
      gates: a.gates,
      evidence: a.evidence,
      audit: a.audit,
      outbox: a.outbox,
      clock,
      recorder: new RunHistoryRecorder({ fleet: a.fleet, history: a.history, clock, records: a.releases }, { retentionDays: config.historyRetentionDays }),
      approvals: approvals(),
      notifier: a.notifier,
    }),
  );
  const releases = memo((): Omit<ReleaseDeps, 'log'> => {
    const recording = recordStartedRuns(a.runs, { fleet: a.fleet, history: a.history, clock, config: a.conductor, records: a.releases });
    return createReleaseDeps({ config: a.conductor, source: a.source, runs: recording, fleet: a.fleet, releases: a.releases, history: a.history, audit: a.audit, outbox: a.outbox, clock, gates: a.gates });
  });
  const diagnosis = memo(
    (): DiagnosisDeps => ({
      config: a.conductor,
      gates: a.gates,
      evidence: a.evidence,
      approvals: approvals().store,
      preflight: a.preflight,
      logs: a.logs,
      clock,
      policy: config.diagnosis,
      history: a.history,
      audit: a.audit,
      outbox: a.outbox,
      stuckNotifyAfterMinutes: config.diagnosis.stuckNotifyAfterMinutes,
    }),
  );
  const history = memo(
    (): HistoryDeps => ({
      config: a.conductor,
      fleet: a.fleet,
      source: a.source,
      runs: a.runs,
      audit: a.audit,
      clock,
      gates: a.gates,
      evidence: a.evidence,
      releases: a.releases,
      history: a.history,
      // Run detail lists the ledgers and signs pending links for operators.
      approvals: approvals(),
      diagnosis: diagnosis(),
      preflights: a.preflights,
    }),
  );
  const preflight = memo(
    (): PreflightDeps => ({
      config: a.conductor,
      source: a.source,
      preflight: a.preflight,
      logs: a.logs,
      releases: a.releases,
      clock,
      store: a.preflights,
      configHash: configHash(),
      refreshHours: config.diagnosis.preflightRefreshHours,
    }),
  );
  // Read right after the file was loaded: the preflight watch compares it with the stored report's (a change
  // between the two reads would only cause one extra preflight at the next start). A configuration given in
  // place of the file (unit tests) is hashed as its JSON.
  const configHash = memo(() => {
    const conductorGiven = overrides.adapters?.conductor;
    if (conductorGiven !== undefined) return createHash('sha256').update(JSON.stringify(conductorGiven)).digest('hex');
    void a.conductor;
    return conductorConfigHash(config.conductorConfigPath);
  });
  const watches = memo((): TickWatches => ({ preflight: preflight(), stuck: diagnosis() }));
  const deps: ComposedDeps = {
    timerRuns: a.timerRuns,
    clock,
    version: appVersion,
    gates,
    releases,
    history,
    preflight,
    callerTrust: config.callers,
    approvalsStatus: approvalsStatusOf(config),
    // Read on each health check: a file fixed while the host runs is reported fixed (the services keep what they read).
    watches,
    configurationProblems: () => (overrides.adapters?.conductor !== undefined ? [] : conductorConfigProblems(config.conductorConfigPath, { fleetApiVersion: config.azure.fleetApiVersion })),
  };
  const services = createServices(deps);
  return { services: telemetry?.services(services) ?? services, adapters, deps };
}
