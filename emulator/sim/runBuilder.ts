import type { FleetState, GateConfig, GateRt, RunState, StageRt, StrategyDef } from './worldTypes';

const gateRts = (gates: GateConfig[] | undefined): GateRt[] =>
  (gates ?? []).map((g) => ({ ...(g.displayName !== undefined ? { displayName: g.displayName } : {}), type: g.type, status: { state: 'NotStarted' } }));

/** Fleet's implicit sequence when a run names no strategy: one stage, one group, every member one by one. */
const IMPLICIT_STRATEGY: StrategyDef = { stages: [{ name: 'default', groups: [{ name: 'default' }] }] };

/** Builds the run's status tree from its strategy and the fleet's members at creation time. */
export function buildStages(fleet: FleetState, strategy: StrategyDef | undefined): StageRt[] {
  const members = [...fleet.members.values()].sort((a, b) => a.name.localeCompare(b.name));
  const effective = strategy ?? IMPLICIT_STRATEGY;
  return effective.stages.map((stage) => ({
    name: stage.name,
    ...(stage.maxConcurrency ? { maxConcurrency: stage.maxConcurrency } : {}),
    status: { state: 'NotStarted' },
    beforeGates: gateRts(stage.beforeGates),
    afterGates: gateRts(stage.afterGates),
    ...(stage.afterStageWaitInSeconds !== undefined
      ? { afterStageWaitInSeconds: stage.afterStageWaitInSeconds, wait: { status: { state: 'NotStarted' as const } } }
      : {}),
    groups: stage.groups.map((group) => ({
      name: group.name,
      ...(group.maxConcurrency ? { maxConcurrency: group.maxConcurrency } : {}),
      status: { state: 'NotStarted' as const },
      beforeGates: gateRts(group.beforeGates),
      afterGates: gateRts(group.afterGates),
      members: members
        .filter((m) => (strategy ? m.group === group.name : true))
        .map((m) => ({ name: m.name, clusterResourceId: m.clusterResourceId, status: { state: 'NotStarted' as const } })),
    })),
  }));
}

/** Restart after Failed/Stopped: failed or stopped items go back to NotStarted, finished work is kept. */
export function resetForRestart(run: RunState): void {
  const reset = (s: { state: string; completedTime?: string; error?: unknown }): void => {
    if (s.state === 'Failed' || s.state === 'Stopped' || s.state === 'Stopping') {
      s.state = 'NotStarted';
      delete s.completedTime;
      delete s.error;
    }
  };
  for (const stage of run.stages) {
    reset(stage.status);
    if (stage.wait) reset(stage.wait.status);
    for (const group of stage.groups) {
      reset(group.status);
      group.members.forEach((m) => reset(m.status));
    }
  }
  delete run.status.error;
  delete run.status.completedTime;
  delete run.failing;
}
