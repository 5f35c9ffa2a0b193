import fs from 'node:fs';
import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import type { Config } from '../config';
import { appVersion } from '../version';
import { createServices, type GateWorld, type HistoryWorld, type Services } from './createServices';
import type { ReleaseWorld } from '../app/releases/releaseWorld';
import { createReleaseWorld } from '../app/releases/releaseWorld';
import { RunHistoryRecorder } from '../app/history/RunHistoryRecorder';
import { recordStartedRuns } from '../app/history/recordStartedRuns';
import { systemClock } from '../adapters/systemClock';
import type { Clock } from '../ports';
import { createTableClientFactory } from '../adapters/tables/tableClientFactory';
import { TableTimerRunLog } from '../adapters/tables/TableTimerRunLog';
import { TableGateStore } from '../adapters/tables/TableGateStore';
import { TableEvidenceStore } from '../adapters/tables/TableEvidenceStore';
import { TableAuditLog } from '../adapters/tables/TableAuditLog';
import { TableOutbox } from '../adapters/tables/TableOutbox';
import { TableReleaseStore } from '../adapters/tables/TableReleaseStore';
import { TableRunHistory } from '../adapters/tables/TableRunHistory';
import { ArmTransport } from '../adapters/arm/ArmTransport';
import { ArmFleetApi } from '../adapters/arm/ArmFleetApi';
import { ArmReleaseSource } from '../adapters/arm/ArmReleaseSource';
import { ArmRunCreator } from '../adapters/arm/ArmRunCreator';
import { ArmPreflightSource } from '../adapters/arm/ArmPreflightSource';
import type { PreflightDeps } from '../app/preflight/preflightDeps';
import type { DiagnosisDeps } from '../app/diagnosis/diagnosisDeps';
import type { TickWatches } from '../app/diagnosis/runTickWatches';
import { TablePreflightStore } from '../adapters/tables/TablePreflightStore';
import { conductorConfigHash } from '../adapters/config/conductorConfigHash';
import { createContainerServiceClient, createFleetClient, createLogsQueryClient } from '../adapters/azureClients';
import { LogAnalyticsLogsQuery } from '../adapters/logs/LogAnalyticsLogsQuery';
import { loadConductorConfigFile } from '../adapters/config/loadConductorConfigFile';
import { conductorConfigProblems } from './conductorConfigProblems';
import { LogNotifier } from '../adapters/notify/LogNotifier';
import { WebhookNotifier } from '../adapters/notify/WebhookNotifier';
import { FanOutNotifier } from '../adapters/notify/FanOutNotifier';
import { TableApprovalStore } from '../adapters/tables/TableApprovalStore';
import { HmacSigner } from '../adapters/crypto/HmacSigner';
import { TeamsNotifier } from '../adapters/notify/TeamsNotifier';
import { SignedWebhookNotifier } from '../adapters/notify/SignedWebhookNotifier';
import { ChannelNotifier } from '../adapters/notify/ChannelNotifier';
import { APPROVAL_CHANNEL } from '../app/approvals/approvalChannels';
import { sealedApprovalStore } from '../app/approvals/sealedApprovalStore';
import type { ApprovalsStatus } from '../app/getHealth';

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

/**
 * Builds the production services from configuration: Azure, or the local emulator (only endpoints, credentials and
 * a CA differ). Everything is built on first use, so a broken gate configuration never stops /api/health.
 */
export function createServicesFromConfig(config: Config, clock: Clock = systemClock): Services {
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
      // Read right after the file was loaded: the preflight watch compares it with the stored report's (a change
      // between the two reads would only cause one extra preflight at the next start).
      configHash: conductorConfigHash(config.conductorConfigPath),
      fleet: new ArmFleetApi(fleetClient, transport, options),
      source: new ArmReleaseSource({ fleet: fleetClient, aks: aksClient }, aksTransport, { nodeImageApiVersion: config.azure.aksNodeImageApiVersion }),
      runs: new ArmRunCreator(fleetClient, transport, options),
      preflight: new ArmPreflightSource(aksTransport),
      audit: new TableAuditLog(tables),
      outbox: new TableOutbox(tables),
    };
  });
  const stores = memo(() => ({
    gates: new TableGateStore(tables),
    evidence: new TableEvidenceStore(tables),
    releases: new TableReleaseStore(tables),
    history: new TableRunHistory(tables),
    preflights: new TablePreflightStore(tables),
  }));
  const gates = memo((): GateWorld => {
    const { conductor, fleet, audit, outbox } = azure();
    const { gates: gateStore, evidence, history } = stores();
    const webhook = config.notifyWebhookUrl;
    const signer = config.approvals.tokenKey === undefined ? undefined : new HmacSigner(config.approvals.tokenKey);
    return {
      config: conductor,
      fleet,
      logs: new LogAnalyticsLogsQuery(createLogsQueryClient(config, credential(), caPem())),
      gates: gateStore,
      evidence,
      audit,
      outbox,
      clock,
      recorder: new RunHistoryRecorder({ fleet, history, clock }),
      approvals: { store: sealedApprovalStore(new TableApprovalStore(tables), signer), signer, publicBaseUrl: config.approvals.publicBaseUrl, appSetting: config.appSetting },
      notifier: (log) => {
        const logNotifier = new LogNotifier(() => log);
        const pem = caPem();
        const post = pem ? { caPem: pem } : {};
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
    };
  });
  const releases = memo((): ReleaseWorld => {
    const { conductor, fleet, source, runs, audit, outbox } = azure();
    const recording = recordStartedRuns(runs, { fleet, history: stores().history, clock, config: conductor });
    return createReleaseWorld({ config: conductor, source, runs: recording, fleet, releases: stores().releases, history: stores().history, audit, outbox, clock, gates: stores().gates });
  });
  const diagnosis = memo((): DiagnosisDeps => {
    const { conductor, preflight: arm } = azure();
    const world = gates();
    return { config: conductor, gates: world.gates, evidence: world.evidence, ...(world.approvals ? { approvals: world.approvals.store } : {}), preflight: arm, logs: world.logs, clock, policy: config.diagnosis };
  });
  const history = memo((): HistoryWorld => {
    const { conductor, fleet, source, runs, audit } = azure();
    // The approvals of the gate world: run detail lists the ledgers and signs pending links for operators.
    return { config: conductor, fleet, source, runs, audit, clock, ...stores(), approvals: gates().approvals, diagnosis: diagnosis() };
  });
  const watches = memo((): TickWatches => {
    const { configHash, audit, outbox } = azure();
    return {
      preflight: { ...preflight(), store: stores().preflights, configHash, refreshHours: config.diagnosis.preflightRefreshHours },
      stuck: { ...diagnosis(), history: stores().history, audit, outbox, stuckNotifyAfterMinutes: config.diagnosis.stuckNotifyAfterMinutes },
    };
  });
  const preflight = memo((): PreflightDeps => {
    const { conductor, source, preflight: arm } = azure();
    return { config: conductor, source, preflight: arm, logs: gates().logs, releases: stores().releases, clock };
  });
  // Read on each health check: a file fixed while the host runs is reported fixed (the services keep what they read).
  const configurationProblems = (): readonly string[] => conductorConfigProblems(config.conductorConfigPath);
  return createServices({
    timerRuns: new TableTimerRunLog(tables),
    clock,
    version: appVersion,
    gates,
    releases,
    history,
    preflight,
    callerTrust: config.callers,
    approvalsStatus: approvalsStatusOf(config),
    configurationProblems,
    watches,
  });
}

function perSubscription<T>(make: (subscriptionId: string) => T): (subscriptionId: string) => T {
  const made = new Map<string, T>();
  return (subscriptionId) => {
    let value = made.get(subscriptionId);
    if (value === undefined) made.set(subscriptionId, (value = make(subscriptionId)));
    return value;
  };
}

