import { planMember } from './memberPlanner';
import { DONE, iso, type RunHost } from './runHost';
import { parseConcurrency } from './versions';
import type { GateRt, GateTarget, GroupRt, RunState, StageRt, UpdateState, UpdateStatus } from './worldTypes';

/**
 * Drives one update run as far as it can go at the host's current time (no time passes here):
 * stages in order, groups of a stage in parallel, members of a group sequentially (or maxConcurrency),
 * gates created when reached. Member completions and wait expiries arrive from the simulation's timeline.
 */

function begin(status: UpdateStatus, now: number, state: UpdateState = 'Running'): void {
  if (!status.startTime) status.startTime = iso(now);
  status.state = state;
}

function finish(status: UpdateStatus, state: UpdateState, now: number): void {
  status.state = state;
  status.completedTime = iso(now);
}

/** Creates gates not yet reached and syncs their state from the gate resources. True when all are done. */
function gatesPassed(host: RunHost, run: RunState, gates: GateRt[], target: GateTarget): boolean {
  const fleet = host.fleet(run);
  for (const gate of gates) {
    if (gate.status.state === 'NotStarted') host.createGate(run, gate, target);
    if (gate.status.state === 'Pending' && gate.gateName) {
      const resource = fleet.gates.get(gate.gateName);
      if (resource && resource.state !== 'Pending') finish(gate.status, resource.state, host.nowMs());
    }
  }
  return gates.every((g) => DONE.has(g.status.state));
}

export function hasInFlightMembers(run: RunState): boolean {
  return run.stages.some((s) => s.groups.some((g) => g.members.some((m) => m.status.state === 'Running')));
}

/** Member starts the stage still allows now (stage maxConcurrency counts clusters across all its groups). */
interface StageBudget {
  left: number;
}

function driveGroup(host: RunHost, run: RunState, stage: StageRt, group: GroupRt, budget: StageBudget): void {
  const now = host.nowMs();
  if (group.status.state === 'NotStarted') begin(group.status, now);
  const target = { runName: run.name, stage: stage.name, group: group.name };
  if (!gatesPassed(host, run, group.beforeGates, { ...target, timing: 'Before' })) {
    group.status.state = 'Pending';
    return;
  }
  const limit = parseConcurrency(group.maxConcurrency, group.members.length, 1);
  let running = group.members.filter((m) => m.status.state === 'Running').length;
  for (const member of group.members) {
    if (running >= limit || budget.left <= 0) break;
    // A failed member stops the run: nothing new starts after it (see failing() below).
    if (group.members.some((m) => m.status.state === 'Failed')) break;
    if (member.status.state !== 'NotStarted' && member.status.state !== 'Pending') continue;
    const cluster = host.cluster(member.clusterResourceId);
    const plan = cluster
      ? planMember(host, run, member, cluster)
      : ({ kind: 'fail', error: { code: 'ResourceNotFound', message: `Managed cluster '${member.clusterResourceId}' was not found.` } } as const);
    switch (plan.kind) {
      case 'skip':
        begin(member.status, now);
        finish(member.status, 'Skipped', now);
        member.message = plan.message;
        break;
      case 'pending':
        begin(member.status, now, 'Pending');
        member.pendingReason = plan.reason;
        member.message = plan.message;
        if (plan.error) member.status.error = plan.error;
        else delete member.status.error;
        break;
      case 'fail':
        begin(member.status, now);
        finish(member.status, 'Failed', now);
        member.status.error = plan.error;
        break;
      case 'start':
        if (!cluster) break;
        begin(member.status, now);
        delete member.status.error;
        delete member.message;
        delete member.pendingReason;
        host.startUpgrade(run, member, cluster, plan);
        running++;
        budget.left--;
        break;
    }
  }
  const failed = group.members.find((m) => m.status.state === 'Failed');
  if (failed) {
    finish(group.status, 'Failed', now);
    group.status.error = { code: 'UpgradeFailed', message: `member ${failed.name} failed: ${failed.status.error?.message ?? ''}` };
    return;
  }
  if (!group.members.every((m) => DONE.has(m.status.state))) {
    group.status.state = running > 0 || group.members.some((m) => m.status.state === 'NotStarted') ? 'Running' : 'Pending';
    return;
  }
  if (!gatesPassed(host, run, group.afterGates, { ...target, timing: 'After' })) {
    group.status.state = 'Pending';
    return;
  }
  const allSkipped = group.members.length > 0 && group.members.every((m) => m.status.state === 'Skipped');
  finish(group.status, allSkipped && group.afterGates.length === 0 && group.beforeGates.length === 0 ? 'Skipped' : 'Completed', now);
}

function driveStage(host: RunHost, run: RunState, stage: StageRt): void {
  const now = host.nowMs();
  if (stage.status.state === 'NotStarted') begin(stage.status, now);
  const target = { runName: run.name, stage: stage.name };
  if (!gatesPassed(host, run, stage.beforeGates, { ...target, timing: 'Before' })) {
    stage.status.state = 'Pending';
    return;
  }
  // Stage maxConcurrency is "clusters upgrading at once across all groups of the stage"; a percentage is of all
  // clusters in the stage; default 50 (concepts-update-orchestration.md, docs/azure-apis.md §7). Groups all start;
  // member starts share the stage's budget (then each group's own limit).
  const members = stage.groups.flatMap((g) => g.members);
  const limit = parseConcurrency(stage.maxConcurrency, members.length, 50);
  const budget: StageBudget = { left: limit - members.filter((m) => m.status.state === 'Running').length };
  for (const group of stage.groups) {
    if (DONE.has(group.status.state) || group.status.state === 'Failed') continue;
    driveGroup(host, run, stage, group, budget);
  }
  const failed = stage.groups.find((g) => g.status.state === 'Failed');
  if (failed) {
    finish(stage.status, 'Failed', now);
    stage.status.error = { code: 'UpgradeFailed', message: `group ${failed.name} failed: ${failed.status.error?.message ?? ''}` };
    return;
  }
  const open = stage.groups.filter((g) => !DONE.has(g.status.state));
  if (open.length > 0) {
    stage.status.state = open.some((g) => g.status.state === 'Running' || g.status.state === 'NotStarted') ? 'Running' : 'Pending';
    return;
  }
  // After-stage wait and after-stage gates run concurrently; both must finish (docs/azure-apis.md §2.6).
  const gatesDone = gatesPassed(host, run, stage.afterGates, { ...target, timing: 'After' });
  if (stage.wait && stage.wait.status.state === 'NotStarted') {
    begin(stage.wait.status, now);
    stage.wait.endsAtMs = now + (stage.afterStageWaitInSeconds ?? 0) * 1000;
  }
  if (stage.wait?.status.state === 'Running' && stage.wait.endsAtMs !== undefined && stage.wait.endsAtMs <= now) {
    finish(stage.wait.status, 'Completed', now);
  }
  const waitDone = !stage.wait || DONE.has(stage.wait.status.state);
  if (!gatesDone || !waitDone) {
    stage.status.state = gatesDone ? 'Running' : 'Pending';
    return;
  }
  const allSkipped = stage.groups.length > 0 && stage.groups.every((g) => g.status.state === 'Skipped');
  const hasExtras = stage.beforeGates.length + stage.afterGates.length > 0 || (stage.afterStageWaitInSeconds ?? 0) > 0;
  finish(stage.status, allSkipped && !hasExtras ? 'Skipped' : 'Completed', now);
}

/** Marks everything still running or pending as Stopped once in-flight member upgrades have finished. */
function settleStopped(run: RunState, now: number): void {
  const stop = (s: UpdateStatus): void => {
    if (s.state === 'Running' || s.state === 'Pending' || s.state === 'Stopping') finish(s, 'Stopped', now);
  };
  for (const stage of run.stages) {
    for (const group of stage.groups) {
      group.members.forEach((m) => stop(m.status));
      stop(group.status);
    }
    if (stage.wait) stop(stage.wait.status);
    stop(stage.status);
  }
  finish(run.status, 'Stopped', now);
}

const hasFailedMember = (run: RunState): boolean => run.stages.some((s) => s.groups.some((g) => g.members.some((m) => m.status.state === 'Failed')));

/**
 * A member's upgrade failed. Fleet stops the run: no further member starts, members already upgrading finish, and
 * meanwhile the run shows `Stopping`; then it ends `Failed`. Fleet docs, concepts-update-orchestration ("Stopping:
 * A user request or cluster upgrade failures triggered the Update Run to stop. Updating clusters are finishing.").
 * The docs do not say what the failed member's group and stage show meanwhile; here they show Failed at once.
 */
function failing(run: RunState, now: number): void {
  if (hasInFlightMembers(run)) {
    run.status.state = 'Stopping';
    run.failing = true;
    return;
  }
  delete run.failing;
  for (const stage of run.stages) {
    for (const group of stage.groups) {
      const failed = group.members.find((m) => m.status.state === 'Failed');
      if (!failed) continue;
      if (group.status.state !== 'Failed') {
        finish(group.status, 'Failed', now);
        group.status.error = { code: 'UpgradeFailed', message: `member ${failed.name} failed: ${failed.status.error?.message ?? ''}` };
      }
      if (stage.status.state !== 'Failed') {
        finish(stage.status, 'Failed', now);
        stage.status.error = { code: 'UpgradeFailed', message: `group ${group.name} failed: ${group.status.error?.message ?? ''}` };
      }
    }
  }
  const stage = run.stages.find((s) => s.status.state === 'Failed');
  finish(run.status, 'Failed', now);
  run.status.error = { code: 'UpgradeFailed', message: `stage ${stage?.name ?? ''} failed: ${stage?.status.error?.message ?? ''}` };
}

export function driveRun(host: RunHost, run: RunState): void {
  const now = host.nowMs();
  const state = run.status.state;
  if (state === 'Stopping' && !run.failing) {
    if (!hasInFlightMembers(run)) settleStopped(run, now);
    return;
  }
  if (state !== 'Running' && state !== 'Pending' && state !== 'Stopping') return;
  if (hasFailedMember(run)) {
    failing(run, now);
    return;
  }
  for (const stage of run.stages) {
    if (DONE.has(stage.status.state)) continue;
    driveStage(host, run, stage);
    if (stage.status.state === 'Failed') {
      failing(run, now);
      return;
    }
    if (!DONE.has(stage.status.state)) {
      run.status.state = stage.status.state === 'Pending' ? 'Pending' : 'Running';
      return;
    }
  }
  const allSkipped = run.stages.length > 0 && run.stages.every((s) => s.status.state === 'Skipped');
  finish(run.status, allSkipped ? 'Skipped' : 'Completed', now);
}
