import { RoleAssignments } from './authz/roleAssignments';
import { RetiredApiVersions } from './arm/apiVersions';
import { LroResponder } from './arm/lroResponder';
import { FaultRegistry } from './control/faults';
import { RequestLog } from './control/requestLog';
import { EventGridDelivery } from './events/eventGridDelivery';
import { createLogsService, type LogsService } from './logs/createLogsService';
import { loadScenario } from './scenario/loadScenario';
import type { Scenario } from './scenario/scenarioTypes';
import { Simulation } from './sim/simulation';
import { WebhookSink } from './sinks/webhookSink';
import type { ClusterSegment, TelemetryCluster, TelemetrySource } from './telemetrySource';

/**
 * Everything the emulator knows, independent of HTTP: the simulation, faults, logs, sinks, Event Grid.
 * Loading a scenario replaces the simulation; other parts (request log, sinks, subscriptions added at runtime) stay.
 */
export class EmulatorCore {
  readonly faults = new FaultRegistry();
  readonly requests = new RequestLog();
  readonly webhooks = new WebhookSink();
  /** The app identity's role assignments; reset to unrestricted by every scenario load. */
  readonly roles = new RoleAssignments();
  readonly eventGrid: EventGridDelivery;
  readonly lro: LroResponder;
  /** Api-versions retired in this run (scenario `retiredApiVersions`, control API `/_emulator/api-versions`). */
  readonly retired = new RetiredApiVersions();
  sim!: Simulation;
  logs!: LogsService;
  private ticker: NodeJS.Timeout | undefined;
  /** Stable facade: the logs service keeps working across scenario reloads. */
  readonly telemetry: TelemetrySource = {
    nowMs: () => {
      this.sim.sync();
      return this.sim.nowMs();
    },
    workspaceExists: (id: string): boolean => this.sim.workspaceExists(id),
    clustersForWorkspace: (id: string): readonly TelemetryCluster[] => this.sim.clustersForWorkspace(id),
    segments: (id: string): readonly ClusterSegment[] => this.sim.segments(id),
  };

  constructor(
    scenarioRef: string | object,
    readonly caPem: string,
    private readonly speedOverride?: number,
  ) {
    const scenario = loadScenario(scenarioRef);
    this.eventGrid = new EventGridDelivery(scenario.eventGrid, this.faults, caPem);
    this.lro = new LroResponder(scenario.lro, () => this.sim.scenario.subscriptionId, () => this.sim.nowIso());
    this.install(scenario);
  }

  get scenario(): Scenario {
    return this.sim.scenario;
  }

  load(ref: string | object): Scenario {
    const scenario = loadScenario(ref);
    this.install(scenario);
    return scenario;
  }

  private install(scenario: Scenario): void {
    this.sim = new Simulation(scenario, (e) => this.eventGrid.publish(e), this.speedOverride);
    this.logs = createLogsService(this.telemetry, scenario.logs ?? {});
    this.lro.style = scenario.lro;
    this.roles.set(undefined);
    this.retired.set(scenario.retiredApiVersions);
    this.eventGrid.options = scenario.eventGrid;
    for (const sub of scenario.eventGrid.subscriptions) this.eventGrid.subscribe(sub);
    this.sim.sync();
    this.restartTicker();
  }

  /** With speed > 0, time moves on its own: tick so gates, events and completions happen without requests. */
  restartTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    if (this.sim.clock.speed > 0) {
      this.ticker = setInterval(() => {
        try {
          this.sim.sync();
        } catch (error) {
          // A simulation bug must not take the process down with it; it is reported and the next tick retries.
          console.error('[emulator] simulation tick failed:', error);
        }
      }, 250);
      this.ticker.unref();
    }
  }

  /** Same as `POST /_emulator/clock {advanceSeconds}`. */
  advance(seconds: number): void {
    this.sim.clock.advance(seconds * 1000);
    this.sim.sync();
  }

  /** Same as `POST /_emulator/clock {speed}`. */
  setSpeed(speed: number): void {
    this.sim.clock.setSpeed(speed);
    this.restartTicker();
    this.sim.sync();
  }

  async stop(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    await this.eventGrid.stop();
  }
}
