/**
 * The composition root: the only place that builds adapters (DESIGN §2.5). Function bindings ask it for services;
 * tests build services from fakes or with their own adapters instead.
 */
import fs from 'node:fs';
import type { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
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
import { systemClock } from './adapters/systemClock';
import { createTableClientFactory } from './adapters/tables/tableClientFactory';
import { TableTimerRunLog } from './adapters/tables/TableTimerRunLog';
import { TableGateStore } from './adapters/tables/TableGateStore';
import { TableEvidenceStore } from './adapters/tables/TableEvidenceStore';
import { TableAuditLog } from './adapters/tables/TableAuditLog';
import { TableOutbox } from './adapters/tables/TableOutbox';
import { ArmTransport } from './adapters/arm/ArmTransport';
import { ArmFleetApi } from './adapters/arm/ArmFleetApi';
import { createFleetClient, createLogsQueryClient } from './adapters/azureClients';
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
}

/** Wires use cases to the given adapters. */
export function createServices(deps: ServiceDeps): Services {
  const gateDeps = (log: AppLog) => {
    const world = deps.gates();
    return { ...world, log, notifier: world.notifier(log) };
  };
  return {
    getHealth: (functions) => getHealth(deps, functions),
    recordTimerRun: (run) => recordTimerRun(deps, run),
    reconcileAllFleets: (log) => reconcileAllFleets(gateDeps(log)),
    handleFleetGateEvent: (event, log) => handleFleetGateEvent(gateDeps(log), event),
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
  const gates = memo((): GateWorld => {
    const conductor = loadConductorConfigFile(config.conductorConfigPath);
    const clients = new Map<string, ContainerServiceFleetClient>();
    const clientFor = (subscriptionId: string): ContainerServiceFleetClient => {
      let c = clients.get(subscriptionId);
      if (!c) clients.set(subscriptionId, (c = createFleetClient(config, credential(), subscriptionId, caPem())));
      return c;
    };
    // Raw calls are not tied to a subscription; any client's pipeline carries the same auth, retry and TLS.
    const transport = new ArmTransport(clientFor(conductor.fleets[0]?.subscriptionId ?? '00000000-0000-0000-0000-000000000000').pipeline, config.azure.armEndpoint, {
      pollIntervalInMs: config.azure.armPollIntervalInMs,
      lroTimeoutInMs: 10 * 60_000,
    });
    const webhook = config.notifyWebhookUrl;
    return {
      config: conductor,
      fleet: new ArmFleetApi(clientFor, transport, { previewApiVersion: config.azure.fleetApiVersion, pollIntervalInMs: config.azure.armPollIntervalInMs }),
      logs: new LogAnalyticsLogsQuery(createLogsQueryClient(config, credential(), caPem())),
      gates: new TableGateStore(tables),
      evidence: new TableEvidenceStore(tables),
      audit: new TableAuditLog(tables),
      outbox: new TableOutbox(tables),
      clock: systemClock,
      notifier: (log) => {
        const logNotifier = new LogNotifier(() => log);
        const pem = caPem();
        return webhook ? new FanOutNotifier([logNotifier, new WebhookNotifier(webhook, pem ? { caPem: pem } : {})]) : logNotifier;
      },
    };
  });
  return createServices({ timerRuns: new TableTimerRunLog(tables), clock: systemClock, version: appVersion, gates });
}

let current: Services | undefined;

/** The process's services, built on first use so that a configuration error surfaces in the invocation's log. */
export function getServices(): Services {
  return (current ??= createServicesFromConfig(loadConfig()));
}
