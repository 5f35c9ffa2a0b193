import { badRequest, conflict, type ArmError } from '../arm/armError';
import { newEtag } from '../arm/etag';
import { resetForRestart } from './runBuilder';
import { compareImageVersions, parseNodeImage } from './versions';
import type { Simulation } from './simulation';
import type { GroupRt, RunState, StageRt } from './worldTypes';

/** Run lifecycle commands (docs/azure-apis.md §5 "Lifecycle"); each mutates the run and re-drives the world. */

function touch(sim: Simulation, run: RunState): void {
  run.etag = newEtag();
  run.systemData.lastModifiedAt = sim.nowIso();
}

export function startRun(sim: Simulation, run: RunState): void {
  const state = run.status.state;
  if (state !== 'NotStarted' && state !== 'Failed' && state !== 'Stopped') {
    throw conflict(`The update run '${run.name}' cannot be started because its state is '${state}'. Start is allowed from NotStarted, Failed or Stopped.`, 'OperationNotAllowed');
  }
  if (state !== 'NotStarted') resetForRestart(run);
  run.status.state = 'Running';
  if (!run.status.startTime) run.status.startTime = sim.nowIso();
  if (run.managedClusterUpdate.nodeImageSelection?.type === 'Consistent' && !run.consistentNodeImage) selectConsistentImage(sim, run);
  touch(sim, run);
  sim.reconcile();
}

/** Consistent node images: the newest image every member region already has, fixed when the run starts. */
function selectConsistentImage(sim: Simulation, run: RunState): void {
  const clusters = run.stages.flatMap((s) => s.groups.flatMap((g) => g.members.map((m) => sim.cluster(m.clusterResourceId))));
  const regions = new Set(clusters.map((c) => c?.location));
  const versions = [...regions].map((r) => (r ? sim.regionNodeImage(r) : undefined)).filter((v): v is string => v !== undefined).sort(compareImageVersions);
  const version = versions[0];
  if (!version) return;
  const families = new Set(clusters.flatMap((c) => c?.agentPools.map((p) => parseNodeImage(p.nodeImageVersion).family) ?? []));
  run.consistentNodeImage = version;
  run.selectedNodeImageVersions = [...families].sort().map((family) => `${family}-${version}`);
}

export function stopRun(sim: Simulation, run: RunState): void {
  const state = run.status.state;
  if (state !== 'Running' && state !== 'Pending') {
    throw conflict(`The update run '${run.name}' cannot be stopped because its state is '${state}'. Stop is allowed from Running or Pending.`, 'OperationNotAllowed');
  }
  // In-flight member upgrades are AKS operations and are not aborted: the run stays Stopping until they end.
  run.status.state = 'Stopping';
  for (const stage of run.stages) if (stage.status.state === 'Running' || stage.status.state === 'Pending') stage.status.state = 'Stopping';
  touch(sim, run);
  sim.reconcile();
}

export interface SkipTarget {
  type: string;
  name: string;
}

function skipGroup(sim: Simulation, run: RunState, group: GroupRt): void {
  const now = sim.nowIso();
  for (const m of group.members)
    if (m.status.state === 'NotStarted' || m.status.state === 'Pending') m.status = { ...m.status, state: 'Skipped', completedTime: now };
  for (const gate of [...group.beforeGates, ...group.afterGates]) if (gate.status.state === 'NotStarted' || gate.status.state === 'Pending') sim.skipGate(run, gate);
  group.status = { ...group.status, state: 'Skipped', completedTime: now };
}

function skipStage(sim: Simulation, run: RunState, stage: StageRt): void {
  const now = sim.nowIso();
  stage.groups.forEach((g) => skipGroup(sim, run, g));
  for (const gate of [...stage.beforeGates, ...stage.afterGates]) if (gate.status.state === 'NotStarted' || gate.status.state === 'Pending') sim.skipGate(run, gate);
  if (stage.wait) stage.wait.status = { ...stage.wait.status, state: 'Skipped', completedTime: now };
  stage.status = { ...stage.status, state: 'Skipped', completedTime: now };
}

const finished = (state: string): boolean => state === 'Completed' || state === 'Skipped';

export function skipTargets(sim: Simulation, run: RunState, body: unknown): void {
  const state = run.status.state;
  if (!['NotStarted', 'Running', 'Pending', 'Failed'].includes(state)) {
    throw conflict(`Targets of update run '${run.name}' cannot be skipped because its state is '${state}'.`, 'OperationNotAllowed');
  }
  const targets = (body as { targets?: unknown } | null)?.targets;
  if (!Array.isArray(targets) || targets.length === 0) throw badRequest("The request body must contain a non-empty 'targets' array.", 'InvalidRequestContent');
  for (const raw of targets as SkipTarget[]) {
    const { type, name } = raw ?? {};
    if (typeof name !== 'string') throw badRequest("Each skip target needs a 'type' and a 'name'.", 'InvalidRequestContent');
    const notFound = (): ArmError => badRequest(`Skip target ${String(type)} '${name}' was not found in update run '${run.name}'.`, 'InvalidRequestContent');
    const stage = run.stages.find((s) => s.name === name);
    const group = run.stages.flatMap((s) => s.groups).find((g) => g.name === name);
    const member = run.stages.flatMap((s) => s.groups.flatMap((g) => g.members)).find((m) => m.name === name);
    switch (type) {
      case 'Member':
        if (!member) throw notFound();
        if (member.status.state === 'Running' || finished(member.status.state)) throw conflict(`Member '${name}' is ${member.status.state} and cannot be skipped.`, 'OperationNotAllowed');
        member.status = { ...member.status, state: 'Skipped', completedTime: sim.nowIso() };
        break;
      case 'Group':
        if (!group) throw notFound();
        if (finished(group.status.state)) throw conflict(`Group '${name}' is ${group.status.state} and cannot be skipped.`, 'OperationNotAllowed');
        skipGroup(sim, run, group);
        break;
      case 'Stage':
        if (!stage) throw notFound();
        if (finished(stage.status.state)) throw conflict(`Stage '${name}' is ${stage.status.state} and cannot be skipped.`, 'OperationNotAllowed');
        skipStage(sim, run, stage);
        break;
      case 'AfterStageWait':
        if (!stage?.wait) throw notFound();
        stage.wait.status = { ...stage.wait.status, state: 'Skipped', completedTime: sim.nowIso() };
        break;
      default:
        throw badRequest(`Skip target type '${String(type)}' is invalid. Allowed: Member, Group, Stage, AfterStageWait.`, 'InvalidRequestContent');
    }
  }
  touch(sim, run);
  sim.reconcile();
}

/** Deleting a run deletes its gates (FleetGateDeleted); in-flight cluster upgrades continue in AKS. */
export function deleteRun(sim: Simulation, run: RunState): void {
  const fleet = sim.fleet(run);
  for (const [name, gate] of [...fleet.gates]) {
    if (gate.target.runName !== run.name) continue;
    sim.emitGate(fleet, name, 'Deleted');
    fleet.gates.delete(name);
  }
  fleet.runs.delete(run.name);
  sim.unregisterRun(run);
}
