import { createServices, type Services } from '../../../src/composition';
import type { GateDeps } from '../../../src/app/gates/gateDeps';
import { parseConductorConfig } from '../../../src/domain/config/parseConductorConfig';
import type { ConductorConfig } from '../../../src/domain/config/conductorConfig';
import type { QueryResult } from '../../../src/domain/checks/checkEvaluation';
import type { TimeWindow } from '../../../src/domain/checks/checkQuery';
import type { AppLog, FleetApi, LogsQuery, Notifier, OutboxMessage } from '../../../src/ports';
import { FakeFleetApi } from '../fakes/FakeFleetApi';
import { InMemoryAuditLog } from '../fakes/InMemoryAuditLog';
import { InMemoryEvidenceStore } from '../fakes/InMemoryEvidenceStore';
import { InMemoryGateStore } from '../fakes/InMemoryGateStore';
import { InMemoryOutbox } from '../fakes/InMemoryOutbox';
import { InMemoryTimerRunLog } from '../fakes/InMemoryTimerRunLog';
import { crashing, InstanceLife, type CrashPlan } from './crashInjector';
import type { Prng } from './prng';

export const SUB = '00000000-0000-0000-0000-00000000000f';
export const FLEET_ID = `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-trial`;
const cluster = (name: string): string => `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/${name}`;

/** What a gate's clusters report: healthy, a failing check, no rows at all, or healthy behind frequent outages. */
export type Health = 'healthy' | 'failing' | 'noData' | 'flaky';

export interface TrialGate {
  readonly gateId: string;
  readonly runName: string;
  readonly health: Health;
  readonly clusters: readonly string[];
  /** Gated by a policy that asks a human after the checks (no approvals module wired: a plain approval request). */
  readonly approval: boolean;
}

/** An ARM answer the SDK gave up on (after its own retries): 429 with or without Retry-After, or 500. */
export class InjectedArmError extends Error {
  constructor(
    readonly statusCode: number,
    readonly applied: boolean,
  ) {
    super(`injected ARM ${statusCode}${applied ? ' (after Fleet applied the request)' : ''}`);
    this.name = 'InjectedArmError';
  }
}

export const ARM_FAULT_RATE = 0.2;

function config(): ConductorConfig {
  const result = parseConductorConfig({
    fleets: [{ name: 'fleet-trial', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 's' }],
    strategies: [{ name: 's', stages: [{ name: 'canary', groups: ['canary'], afterGate: 'canary-health' }, { name: 'prod', groups: ['prod'] }] }],
    gatePolicies: [
      {
        id: 'canary-health',
        checks: [{ name: 'nodes', type: 'nodes-ready' }, { name: 'pods', type: 'pods-healthy' }],
        analysis: { initialDelaySeconds: 60, intervalSeconds: 30, count: 2, consecutiveErrorLimit: 2 },
      },
      {
        id: 'approved-health',
        checks: [{ name: 'nodes', type: 'nodes-ready' }],
        analysis: { initialDelaySeconds: 60, intervalSeconds: 30, count: 2, consecutiveErrorLimit: 2 },
        approval: { approvers: { users: ['alice@contoso.com'] }, quorum: 1, expiresAfterMinutes: 43_200, onExpire: 'hold', onReject: 'stop', channels: { teams: { webhookUrlSetting: 'TEAMS_URL' } } },
      },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

/** Log Analytics for the trial: per-gate health, outages (a failed query) and slow answers (late, interleaved). */
class TrialLogs implements LogsQuery {
  outage = false;
  queries = 0;
  private readonly fake: Map<string, Health>;

  constructor(
    gates: readonly TrialGate[],
    private readonly rng: Prng,
  ) {
    this.fake = new Map(gates.flatMap((g) => g.clusters.map((c) => [c, g.health] as const)));
  }

  async query(_workspaceId: string, kql: string, _window: TimeWindow): Promise<QueryResult> {
    this.queries++;
    // Slow answers: a few turns of the event loop, so the other instance's work runs in between.
    for (let hops = this.rng.int(0, 4); hops > 0; hops--) await new Promise((r) => setImmediate(r));
    const clusters = JSON.parse(/let clusters = dynamic\((\[[^\]]*\])\)/.exec(kql)?.[1] ?? '[]') as string[];
    const health = clusters.map((c) => this.fake.get(c));
    if (this.outage || (health.includes('flaky') && this.rng.chance(0.3))) return { error: { code: 'Http503', message: 'Log Analytics unavailable (injected)' } };
    const rows = clusters.flatMap((c) => {
      const h = this.fake.get(c);
      if (h === 'noData') return [];
      // nodes-ready and pods-healthy count bad things: 0 passes, 3 fails.
      return [[c, h === 'failing' ? 3 : 0]];
    });
    return { columns: [{ name: 'ClusterId', type: 'string' }, { name: 'Value', type: 'long' }], rows };
  }
}

/** Every delivery a receiver saw, by idempotency key. */
class RecordingNotifier implements Notifier {
  readonly deliveries: OutboxMessage[] = [];
  send(message: OutboxMessage): Promise<void> {
    this.deliveries.push(message);
    return Promise.resolve();
  }
}

/** Fleet's answers through a flaky ARM: at ARM_FAULT_RATE a call fails, before Fleet saw it or (500) after it applied. */
function throughFlakyArm(fleet: FakeFleetApi, rng: Prng, faults: { on: boolean; injected: number }): FleetApi {
  return new Proxy(fleet, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      return async (...args: unknown[]) => {
        if (faults.on && rng.chance(ARM_FAULT_RATE)) {
          faults.injected++;
          const status = rng.pick([429, 429, 500]);
          if (status === 500 && rng.chance(0.5)) {
            await method.apply(t, args);
            throw new InjectedArmError(500, true);
          }
          throw new InjectedArmError(status, false);
        }
        return method.apply(t, args);
      };
    },
  });
}

export interface TrialInstance {
  readonly services: Services;
  readonly life: InstanceLife;
}

/** One trial's cloud and storage, shared by every app instance built on it. */
export class GateTrialWorld {
  readonly config = config();
  readonly fleet = new FakeFleetApi();
  readonly gates = new InMemoryGateStore();
  readonly audit = new InMemoryAuditLog();
  readonly evidence = new InMemoryEvidenceStore();
  readonly outbox = new InMemoryOutbox();
  readonly notifier = new RecordingNotifier();
  readonly logs: TrialLogs;
  readonly faults = { on: true, injected: 0 };
  readonly clock = { ms: Date.parse('2026-11-21T10:00:00Z'), nowIso: (): string => new Date(this.clock.ms).toISOString() };
  readonly log: AppLog = { info: () => undefined, warn: () => undefined };
  instancesBuilt = 0;

  constructor(
    readonly trialGates: readonly TrialGate[],
    private readonly rng: Prng,
  ) {
    for (const g of trialGates) {
      this.fleet.gates.set(g.gateId, { fleetId: FLEET_ID, gateId: g.gateId, displayName: g.approval ? 'conductor:approved-health' : 'conductor:canary-health', gateType: 'Approval', state: 'Pending', runName: g.runName, stage: 'canary', timing: 'After' });
      this.fleet.runs.set(g.runName, {
        fleetId: FLEET_ID,
        name: g.runName,
        state: 'Running',
        status: {
          stages: [
            { name: 'canary', groups: [{ name: 'canary', members: g.clusters.map((c, i) => ({ name: `canary-${i}`, clusterResourceId: cluster(c), status: { state: 'Completed' } })) }] },
            { name: 'prod', groups: [{ name: 'prod', members: [{ name: 'prod-1', clusterResourceId: cluster(`${g.runName}-prod`), status: { state: 'NotStarted' } }] }] },
          ],
        },
      });
    }
    // The fake's gate ids are keys; Fleet reports the cluster ids as full resource ids.
    this.logs = new TrialLogs(trialGates.map((g) => ({ ...g, clusters: g.clusters.map(cluster) })), rng);
  }

  /** Fleet moves on between calls: a run asked to stop is Stopped a little later. */
  fleetProgress(): void {
    for (const [name, run] of this.fleet.runs) if (run.state === 'Stopping') this.fleet.runs.set(name, { ...run, state: 'Stopped' });
  }

  /** A new app instance (a process start) on the shared storage and cloud, through the production composition. */
  instance(crash: CrashPlan | undefined): TrialInstance {
    this.instancesBuilt++;
    const life = new InstanceLife(crash);
    const idOf = (args: unknown[]): string | undefined => (args[0] as { id?: unknown } | undefined)?.id as string | undefined;
    const world: Omit<GateDeps, 'log'> = {
      config: this.config,
      fleet: crashing(throughFlakyArm(this.fleet, this.rng, this.faults), life, 'fleet'),
      logs: crashing<LogsQuery>(this.logs, life, 'logs'),
      gates: crashing(this.gates, life, 'gates'),
      evidence: crashing(this.evidence, life, 'evidence'),
      audit: crashing(this.audit, life, 'audit'),
      outbox: crashing(this.outbox, life, 'outbox', idOf),
      clock: this.clock,
      notifier: () => crashing<Notifier>(this.notifier, life, 'notifier', idOf),
    };
    const services = createServices({ timerRuns: new InMemoryTimerRunLog(), clock: this.clock, version: 'trial', gates: () => world });
    return { services, life };
  }

  event(gateId: string, n: number): object {
    return {
      id: `evt-${gateId}-${n}`,
      eventType: 'Microsoft.ResourceNotifications.AKSResources.FleetGateUpdated',
      subject: `${FLEET_ID}/gates/${gateId}`,
      eventTime: this.clock.nowIso(),
      data: {},
      dataVersion: '1',
    };
  }
}
