import { randomUUID } from 'node:crypto';
import { newEtag } from '../arm/etag';
import { gateEvent, type GridEvent } from '../events/gridEvent';
import type { Scenario } from '../scenario/scenarioTypes';
import type { ClusterHealth, ClusterSegment, TelemetryCluster, TelemetrySource } from '../telemetrySource';
import { appendSegment, clustersForWorkspace } from './clusterTelemetry';
import { beginClusterUpgrade, endClusterUpgrade } from './clusterUpgrade';
import { nextWindowOpening } from './memberPlanner';
import { releaseAvailabilityEvents } from './releaseEvents';
import { driveRun } from './runEngine';
import { type RunHost, iso } from './runHost';
import { compareImageVersions } from './versions';
import { VirtualClock } from './virtualClock';
import { buildWorld, clusterKey, systemData, type World } from './worldBuilder';
import type { ClusterState, FleetState, GateRt, GateTarget, MemberRt, RunState } from './worldTypes';

export type Scheduled =
  | { atMs: number; kind: 'k8s'; region: string; version: string; isPreview: boolean; supportPlan: string[] }
  | { atMs: number; kind: 'nodeimage'; region: string; version: string }
  | { atMs: number; kind: 'health'; cluster: string; set: Partial<ClusterHealth> };

/** The world's state as a saved world keeps it (emulator/persist/worldStore.ts). */
export interface SimulationState {
  readonly nowMs: number;
  readonly fleets: World['fleets'];
  readonly clusters: World['clusters'];
  readonly regions: World['regions'];
  readonly scheduled: readonly Scheduled[];
}

/**
 * The simulated Azure behind the ARM handlers. Lazy progression: every request and clock change calls
 * `sync()`, which replays the timeline (member upgrades ending, waits expiring, regional releases, health
 * rules) in virtual-time order up to the clock, driving update runs at each step.
 */
export class Simulation implements RunHost, TelemetrySource {
  readonly fleets: World['fleets'];
  readonly clusters: World['clusters'];
  readonly regions: World['regions'];
  readonly clock: VirtualClock;
  private simNow: number;
  private scheduled: Scheduled[] = [];
  private readonly runIndex = new Map<string, RunState>();

  constructor(
    readonly scenario: Scenario,
    private readonly emit: (event: GridEvent) => void,
    speed?: number,
  ) {
    const start = Date.parse(scenario.startTime);
    this.clock = new VirtualClock(start, speed ?? scenario.speed);
    this.simNow = start;
    const world = buildWorld(scenario, start);
    this.fleets = world.fleets;
    this.clusters = world.clusters;
    this.regions = world.regions;
    for (const rel of scenario.releases)
      for (const [region, after] of Object.entries(rel.regions))
        this.schedule({ atMs: start + after * 1000, kind: 'k8s', region, version: rel.version, isPreview: rel.isPreview ?? false, supportPlan: rel.supportPlan ?? ['KubernetesOfficial'] });
    for (const img of scenario.nodeImages)
      for (const [region, after] of Object.entries(img.regions)) this.schedule({ atMs: start + after * 1000, kind: 'nodeimage', region, version: img.version });
    for (const rule of scenario.healthRules)
      if (rule.atSeconds !== undefined) this.schedule({ atMs: start + (rule.atSeconds + rule.delaySeconds) * 1000, kind: 'health', cluster: rule.cluster, set: rule.set });
  }

  // ---- persistence (emulator/persist) ----
  /** Everything the world is beyond its scenario: resources, runs, gates, clusters, regions, the timeline, the clock. */
  persistentState(): SimulationState {
    return { nowMs: this.simNow, fleets: this.fleets, clusters: this.clusters, regions: this.regions, scheduled: this.scheduled };
  }

  /**
   * Continues a saved world: its state replaces the one the scenario built, and the clock goes on from the saved
   * time (at this start's speed). Called before the first sync, so nothing the scenario would emit at its start
   * (already emitted by the saved world) is emitted again.
   */
  restoreState(state: SimulationState): void {
    for (const [target, saved] of [[this.fleets, state.fleets], [this.clusters, state.clusters], [this.regions, state.regions]] as const) {
      target.clear();
      for (const [k, v] of saved as Map<string, never>) (target as Map<string, unknown>).set(k, v);
    }
    this.scheduled = [...state.scheduled].sort((a, b) => a.atMs - b.atMs);
    this.runIndex.clear();
    for (const fleet of this.fleets.values()) for (const run of fleet.runs.values()) this.runIndex.set(run.key, run);
    this.clock.advance(state.nowMs - this.clock.nowMs());
    this.simNow = state.nowMs;
  }

  // ---- time ----
  nowMs(): number {
    return this.simNow;
  }

  nowIso(): string {
    return iso(this.simNow);
  }

  schedule(item: Scheduled): void {
    this.scheduled.push(item);
    this.scheduled.sort((a, b) => a.atMs - b.atMs);
  }

  /** Brings the world up to the virtual clock. */
  sync(): void {
    this.advanceTo(this.clock.nowMs());
  }

  private nextEventMs(): number | undefined {
    let next = this.scheduled[0]?.atMs;
    const consider = (t: number | undefined): void => {
      if (t !== undefined && (next === undefined || t < next)) next = t;
    };
    for (const c of this.clusters.values()) consider(c.upgrading?.endsAtMs);
    for (const run of this.runIndex.values()) {
      if (run.status.state !== 'Running' && run.status.state !== 'Pending') continue;
      for (const stage of run.stages) {
        if (stage.wait?.status.state === 'Running') consider(stage.wait.endsAtMs);
        for (const g of stage.groups)
          for (const m of g.members)
            if (m.status.state === 'Pending' && m.pendingReason === 'window') {
              const cluster = this.cluster(m.clusterResourceId);
              // Only a future opening is an event; an open window is acted on when the member's turn comes.
              const opening = cluster ? nextWindowOpening(cluster, this.simNow) : this.simNow;
              if (opening > this.simNow) consider(opening);
            }
      }
    }
    return next;
  }

  advanceTo(targetMs: number): void {
    for (let guard = 0; guard < 1_000_000; guard++) {
      const next = this.nextEventMs();
      if (next === undefined || next > targetMs) break;
      this.simNow = Math.max(this.simNow, next);
      this.processDue();
      this.reconcile();
    }
    this.simNow = Math.max(this.simNow, targetMs);
    this.reconcile();
  }

  private processDue(): void {
    while (this.scheduled[0] && this.scheduled[0].atMs <= this.simNow) {
      const item = this.scheduled.shift();
      if (!item) break;
      if (item.kind === 'k8s') this.releaseKubernetes(item.version, [item.region], item.isPreview, item.supportPlan);
      else if (item.kind === 'nodeimage') this.releaseNodeImage(item.version, [item.region]);
      else this.setHealth(item.cluster, item.set);
    }
    const due = [...this.clusters.values()]
      .filter((c) => c.upgrading && c.upgrading.endsAtMs <= this.simNow)
      .sort((a, b) => (a.upgrading?.endsAtMs ?? 0) - (b.upgrading?.endsAtMs ?? 0));
    for (const c of due) this.completeUpgrade(c);
  }

  /** Drives every active run at the current virtual time. */
  reconcile(): void {
    for (const run of this.runIndex.values()) driveRun(this, run);
  }

  // ---- RunHost ----
  fleet(run: RunState): FleetState {
    const fleet = this.fleets.get(run.fleetKey);
    if (!fleet) throw new Error(`fleet ${run.fleetKey} vanished`);
    return fleet;
  }

  cluster(resourceId: string): ClusterState | undefined {
    return this.clusters.get(clusterKey(resourceId));
  }

  regionHasKubernetes(region: string, version: string): boolean {
    return this.regions.get(region)?.kubernetes.has(version) ?? false;
  }

  regionNodeImage(region: string): string | undefined {
    return this.regions.get(region)?.nodeImage;
  }

  createGate(run: RunState, gate: GateRt, target: GateTarget): void {
    const fleet = this.fleet(run);
    const name = randomUUID();
    const resource = {
      name,
      ...(gate.displayName !== undefined ? { displayName: gate.displayName } : {}),
      gateType: gate.type,
      state: 'Pending' as const,
      target,
      etag: newEtag(),
      systemData: systemData(this.nowIso(), 'Microsoft.ContainerService/fleets', 'Application'),
    };
    fleet.gates.set(name, resource);
    gate.gateName = name;
    gate.status = { state: 'Pending', startTime: this.nowIso() };
    this.emit(gateEvent(fleet, resource, 'Created', this.nowIso()));
  }

  skipGate(run: RunState, gate: GateRt): void {
    const fleet = this.fleet(run);
    const resource = gate.gateName ? fleet.gates.get(gate.gateName) : undefined;
    gate.status = { ...gate.status, state: 'Skipped', completedTime: this.nowIso() };
    if (resource && resource.state === 'Pending') {
      resource.state = 'Skipped';
      resource.etag = newEtag();
      this.emit(gateEvent(fleet, resource, 'Updated', this.nowIso()));
    }
  }

  startUpgrade(run: RunState, member: MemberRt, cluster: ClusterState, plan: { kubernetesVersion?: string; nodeImage?: string }): void {
    member.operationId = randomUUID();
    beginClusterUpgrade(cluster, { runKey: run.key, memberName: member.name }, plan, this.simNow, this.emit);
    this.appendSegment(cluster);
  }

  private completeUpgrade(cluster: ClusterState): void {
    const op = cluster.upgrading;
    if (!op) return;
    endClusterUpgrade(cluster, op, this.simNow, this.emit);
    const run = this.runIndex.get(op.runKey);
    const member = run?.stages.flatMap((s) => s.groups.flatMap((g) => g.members)).find((m) => m.name === op.memberName);
    if (member) {
      member.status = op.failure
        ? { ...member.status, state: 'Failed', completedTime: this.nowIso(), error: { code: op.failure.code, message: op.failure.message } }
        : { ...member.status, state: 'Completed', completedTime: this.nowIso() };
    }
    if (!op.failure)
      for (const rule of this.scenario.healthRules)
        if (rule.cluster === cluster.name && rule.afterUpgradeTo === op.targetKubernetesVersion)
          this.schedule({ atMs: this.simNow + rule.delaySeconds * 1000, kind: 'health', cluster: cluster.name, set: rule.set });
    this.appendSegment(cluster);
  }

  // ---- cluster state and telemetry ----
  clusterByName(name: string): ClusterState | undefined {
    return [...this.clusters.values()].find((c) => c.name === name || c.resourceId.toLowerCase() === name.toLowerCase());
  }

  setHealth(name: string, patch: Partial<ClusterHealth>): ClusterState | undefined {
    const cluster = this.clusterByName(name);
    if (!cluster) return undefined;
    cluster.health = { ...cluster.health, ...patch };
    this.appendSegment(cluster);
    return cluster;
  }

  private appendSegment(cluster: ClusterState): void {
    appendSegment(cluster, this.simNow);
  }

  /** A workspace exists when the scenario names it (default, a fleet's or a cluster's workspaceId). */
  workspaceExists(workspaceId: string): boolean {
    const id = workspaceId.toLowerCase();
    if (this.scenario.workspaceId?.toLowerCase() === id) return true;
    for (const f of this.fleets.values()) if (f.workspaceId?.toLowerCase() === id) return true;
    for (const c of this.clusters.values()) if (c.workspaceId?.toLowerCase() === id) return true;
    return false;
  }

  clustersForWorkspace(workspaceId: string): readonly TelemetryCluster[] {
    return clustersForWorkspace(this.fleets.values(), this.clusters.values(), workspaceId);
  }

  segments(resourceId: string): readonly ClusterSegment[] {
    return this.cluster(resourceId)?.segments ?? [];
  }

  // ---- releases ----
  releaseKubernetes(version: string, regions: string[], isPreview = false, supportPlan = ['KubernetesOfficial']): string[] {
    const changed: string[] = [];
    for (const region of regions) {
      const catalog = this.regions.get(region);
      if (!catalog || catalog.kubernetes.has(version)) continue;
      catalog.kubernetes.set(version, { isPreview, supportPlan });
      changed.push(region);
      for (const event of releaseAvailabilityEvents(this, region)) this.emit(event);
    }
    return changed;
  }

  releaseNodeImage(version: string, regions: string[]): string[] {
    const changed: string[] = [];
    for (const region of regions) {
      const catalog = this.regions.get(region);
      if (!catalog || (catalog.nodeImage && compareImageVersions(catalog.nodeImage, version) >= 0)) continue;
      catalog.nodeImage = version;
      changed.push(region);
    }
    return changed;
  }

  // ---- runs ----
  registerRun(run: RunState): void {
    this.runIndex.set(run.key, run);
  }

  unregisterRun(run: RunState): void {
    this.runIndex.delete(run.key);
  }

  emitGate(fleet: FleetState, gateName: string, kind: 'Created' | 'Updated' | 'Deleted'): void {
    const gate = fleet.gates.get(gateName);
    if (gate) this.emit(gateEvent(fleet, gate, kind, this.nowIso()));
  }
}
