/**
 * The composition root: the only place that builds adapters (DESIGN §2.5). Function bindings ask it for services;
 * tests build services from fakes or with their own adapters instead.
 */
import fs from 'node:fs';
import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import { loadConfig, type Config } from './config';
import { appVersion } from './version';
import type { AppLog, Clock, Notifier, TimerRun, TimerRunLog } from './ports';
import { getHealth, type FunctionInfo, type HealthReport } from './app/getHealth';
import { recordTimerRun } from './app/recordTimerRun';
import type { GateDeps } from './app/gates/gateDeps';
import { reconcileAllFleets, type ReconcileCycleSummary } from './app/gates/reconcileAllFleets';
import { handleFleetGateEvent, type FleetGateEventOutcome } from './app/gates/handleFleetGateEvent';
import { createReleaseWorld, type ReleaseWorld } from './app/releases/releaseWorld';
import { pollReleases, type PollSummary } from './app/releases/pollReleases';
import { handleAksEvent, type AksEventOutcome } from './app/releases/handleAksEvent';
import { systemClock } from './adapters/systemClock';
import { createTableClientFactory } from './adapters/tables/tableClientFactory';
import { TableTimerRunLog } from './adapters/tables/TableTimerRunLog';
import { TableGateStore } from './adapters/tables/TableGateStore';
import { TableEvidenceStore } from './adapters/tables/TableEvidenceStore';
import { TableAuditLog } from './adapters/tables/TableAuditLog';
import { TableOutbox } from './adapters/tables/TableOutbox';
import { ArmTransport } from './adapters/arm/ArmTransport';
import { ArmFleetApi } from './adapters/arm/ArmFleetApi';
import { createContainerServiceClient, createFleetClient, createLogsQueryClient } from './adapters/azureClients';
import { ArmReleaseSource } from './adapters/arm/ArmReleaseSource';
import { ArmRunCreator } from './adapters/arm/ArmRunCreator';
import { TableReleaseStore } from './adapters/tables/TableReleaseStore';
import { LogAnalyticsLogsQuery } from './adapters/logs/LogAnalyticsLogsQuery';
import { loadConductorConfigFile } from './adapters/config/loadConductorConfigFile';
import { LogNotifier } from './adapters/notify/LogNotifier';
import { WebhookNotifier } from './adapters/notify/WebhookNotifier';
import { FanOutNotifier } from './adapters/notify/FanOutNotifier';

/** What function bindings may call: one use case each. */
export interface Services {
  getHealth(functions: readonly FunctionInfo[]): Promise<HealthReport>;
  recordTimerRun(run: TimerRun): Promise<void>;
  reconcileAllFleets(log: AppLog): Promise<ReconcileCycleSummary>;
  handleFleetGateEvent(event: unknown, log: AppLog): Promise<FleetGateEventOutcome>;
  pollReleases(log: AppLog): Promise<PollSummary>;
  handleAksEvent(event: unknown, log: AppLog): Promise<AksEventOutcome>;
  readonly clock: Clock;
}

/** Gate dependencies without the per-invocation log. */
export type GateWorld = Omit<GateDeps, 'log'> & { readonly notifier: (log: AppLog) => Notifier };

export interface ServiceDeps {
  readonly timerRuns: TimerRunLog;
  readonly clock: Clock;
  readonly version: string;
  /** Built on first use: health must answer even when the gate configuration is broken. */
  readonly gates: () => GateWorld;
  /** Built on first use, once per process (it holds the member index and the coalescing queue). */
  readonly releases?: () => ReleaseWorld;
}

/** Wires use cases to the given adapters. */
export function createServices(deps: ServiceDeps): Services {
  const gateDeps = (log: AppLog) => {
    const world = deps.gates();
    return { ...world, log, notifier: world.notifier(log) };
  };
  const releaseWorld = (): ReleaseWorld => {
    if (!deps.releases) throw new Error('Release detection is not wired in this composition');
    return deps.releases();
  };
  return {
    getHealth: (functions) => getHealth(deps, functions),
    recordTimerRun: (run) => recordTimerRun(deps, run),
    reconcileAllFleets: (log) => reconcileAllFleets(gateDeps(log)),
    handleFleetGateEvent: (event, log) => handleFleetGateEvent(gateDeps(log), event),
    pollReleases: (log) => pollReleases({ ...releaseWorld(), log }),
    handleAksEvent: (event, log) => handleAksEvent({ ...releaseWorld(), log }, event),
    clock: deps.clock,
  };
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

/** Builds the production services from configuration. */
export function createServicesFromConfig(config: Config): Services {
  const credential = memo(() => createCredential(config));
  const caPem = memo(() => (config.azure.caFile ? fs.readFileSync(config.azure.caFile, 'utf8') : undefined));
  const tables = createTableClientFactory(config.storage, config.tablePrefix, credential);
  const azure = memo(() => {
    const conductor = loadConductorConfigFile(config.conductorConfigPath);
    const fleetClient = perSubscription((s) => createFleetClient(config, credential(), s, caPem()));
    const aksClient = perSubscription((s) => createContainerServiceClient(config, credential(), s, caPem()));
    // Raw calls are not tied to a subscription; any client's pipeline carries the same auth, retry and TLS.
    const anySubscription = conductor.fleets[0]?.subscriptionId ?? '00000000-0000-0000-0000-000000000000';
    const lro = { pollIntervalInMs: config.azure.armPollIntervalInMs, lroTimeoutInMs: 10 * 60_000 };
    const transport = new ArmTransport(fleetClient(anySubscription).pipeline, config.azure.armEndpoint, lro);
    const aksTransport = new ArmTransport(aksClient(anySubscription).pipeline, config.azure.armEndpoint, lro);
    const options = { previewApiVersion: config.azure.fleetApiVersion, pollIntervalInMs: config.azure.armPollIntervalInMs };
    return {
      conductor,
      fleet: new ArmFleetApi(fleetClient, transport, options),
      source: new ArmReleaseSource({ fleet: fleetClient, aks: aksClient }, aksTransport),
      runs: new ArmRunCreator(fleetClient, transport, options),
      audit: new TableAuditLog(tables),
      outbox: new TableOutbox(tables),
    };
  });
  const gates = memo((): GateWorld => {
    const { conductor, fleet, audit, outbox } = azure();
    const webhook = config.notifyWebhookUrl;
    return {
      config: conductor,
      fleet,
      logs: new LogAnalyticsLogsQuery(createLogsQueryClient(config, credential(), caPem())),
      gates: new TableGateStore(tables),
      evidence: new TableEvidenceStore(tables),
      audit,
      outbox,
      clock: systemClock,
      notifier: (log) => {
        const logNotifier = new LogNotifier(() => log);
        const pem = caPem();
        return webhook ? new FanOutNotifier([logNotifier, new WebhookNotifier(webhook, pem ? { caPem: pem } : {})]) : logNotifier;
      },
    };
  });
  const releases = memo((): ReleaseWorld => {
    const { conductor, fleet, source, runs, audit, outbox } = azure();
    return createReleaseWorld({ config: conductor, source, runs, fleet, releases: new TableReleaseStore(tables), audit, outbox, clock: systemClock });
  });
  return createServices({ timerRuns: new TableTimerRunLog(tables), clock: systemClock, version: appVersion, gates, releases });
}

function perSubscription<T>(make: (subscriptionId: string) => T): (subscriptionId: string) => T {
  const made = new Map<string, T>();
  return (subscriptionId) => {
    let value = made.get(subscriptionId);
    if (value === undefined) made.set(subscriptionId, (value = make(subscriptionId)));
    return value;
  };
}

let current: Services | undefined;

/** The process's services, built on first use so that a configuration error surfaces in the invocation's log. */
export function getServices(): Services {
  return (current ??= createServicesFromConfig(loadConfig()));
}
