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
import { SAVED_REQUESTS, SavedWorldError, WorldStore, type SavedWorld } from './persist/worldStore';
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
  /** With a world file: where the world is saved, the save timer, and what the last save saw. */
  private readonly store: WorldStore | undefined;
  private saver: NodeJS.Timeout | undefined;
  private lastSaved = '';
  /** When this start continued a saved world: when that world was saved (real time, ISO). */
  readonly continuedFrom: string | undefined;
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
    worldFile?: string,
  ) {
    const scenario = loadScenario(scenarioRef);
    this.eventGrid = new EventGridDelivery(scenario.eventGrid, this.faults, caPem);
    this.lro = new LroResponder(scenario.lro, () => this.sim.scenario.subscriptionId, () => this.sim.nowIso());
    this.store = worldFile === undefined ? undefined : new WorldStore(worldFile);
    const saved = this.store?.load();
    if (saved !== undefined && saved.scenario !== scenario.name)
      throw new SavedWorldError(`${worldFile ?? ''} holds a world of scenario '${saved.scenario}', not '${scenario.name}': start with that scenario, or use another data directory`);
    this.install(scenario, saved);
    this.continuedFrom = saved?.savedAt;
    if (this.store) {
      // Saved every second while anything changed (a request was served or time moved), and on stop: a killed
      // emulator loses at most the last second. Saves are synchronous, so a save never sees half a request's change.
      this.saver = setInterval(() => this.save(), 1000);
      this.saver.unref();
    }
  }

  /** Writes the world to its file when it changed since the last save (no-op without a world file). */
  save(): void {
    if (!this.store) return;
    const mark = `${this.requests.latestSeq}/${this.sim.nowMs()}/${this.webhooks.messages.length}`;
    if (mark === this.lastSaved) return;
    try {
      this.store.save({ scenario: this.sim.scenario.name, sim: this.sim.persistentState(), requests: this.requests.saved(SAVED_REQUESTS), webhooks: this.webhooks.messages });
      this.lastSaved = mark;
    } catch (error) {
      // A full disk must not take the emulator down; the next save retries.
      console.error(`[emulator] saving the world to ${this.store.file} failed:`, error);
    }
  }

  get scenario(): Scenario {
    return this.sim.scenario;
  }

  load(ref: string | object): Scenario {
    const scenario = loadScenario(ref);
    this.install(scenario);
    return scenario;
  }

  private install(scenario: Scenario, saved?: SavedWorld): void {
    this.sim = new Simulation(scenario, (e) => this.eventGrid.publish(e), this.speedOverride);
    if (saved !== undefined) {
      this.sim.restoreState(saved.sim);
      this.requests.restore(saved.requests);
      this.webhooks.restore(saved.webhooks);
    }
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
    if (this.saver) clearInterval(this.saver);
    this.save();
    await this.eventGrid.stop();
  }
}
