import type { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import type { FleetApi, FleetGate, FleetUpdateRun, RunObservation, SkipTarget, StrategyStage, UpdateStrategyState } from '../../ports';
import type { ArmTransport } from './ArmTransport';
import { armStatusOf } from './armStatusOf';
import { toFleetGate } from './toFleetGate';
import { toFleetUpdateRun } from './toFleetUpdateRun';
import { toRunSnapshot } from './toRunSnapshot';
import type { RunSnapshot } from '../../domain/history/runSnapshot';
import type { FleetUpdateStrategy, GateConfiguration, UpdateStage } from './fleetWire20260601';
import { isStopping } from '../../domain/runs/fleetRunState';

/** `maxConcurrency` on strategies arrived in 2026-02-01-preview (and is in stable 2026-06-01; docs/azure-apis.md §7). */
const FIRST_MAX_CONCURRENCY_API = '2026-02-01';
const withMax = (value: string | null | undefined): { maxConcurrency?: string } => (value ? { maxConcurrency: value } : {});


/**
 * FleetApi over ARM. Every call goes through the SDK client's pipeline (auth, retries, Retry-After on 429) with the
 * configured gate-aware api-version, because SDK 2.0.0 drops gate fields. Commands (complete a gate, stop, skip) are
 * sent and not waited for: the gate machine confirms them from Fleet's state on the next event or tick.
 */
export class ArmFleetApi implements FleetApi {
  constructor(
    /** Unused since every call is raw (no SDK poller); kept so wiring stays the same. */
    _clientFor: (subscriptionId: string) => ContainerServiceFleetClient,
    private readonly arm: ArmTransport,
    private readonly options: { readonly previewApiVersion: string; readonly pollIntervalInMs: number },
  ) {}

  private get api(): string {
    return this.options.previewApiVersion;
  }

  async listGates(fleetId: string, options: { readonly state?: 'Pending' } = {}): Promise<readonly FleetGate[]> {
    const query: Record<string, string> = options.state ? { $filter: `state eq ${options.state}` } : {};
    const items = await this.arm.list(`${fleetId}/gates`, this.api, query);
    return items.map((g) => toFleetGate(fleetId, g));
  }

  async getGate(fleetId: string, gateId: string): Promise<FleetGate | undefined> {
    const body = await this.arm.get(`${fleetId}/gates/${gateId}`, this.api);
    return body === undefined ? undefined : toFleetGate(fleetId, body);
  }

  async completeGate(fleetId: string, gateId: string): Promise<void> {
    try {
      // Not waited for: a PATCH Fleet accepts asynchronously (202) is confirmed by the gate machine on the next event
      // or tick (Fleet shows the gate Completed), or re-sent after its retry window; no handler sits in an LRO poll.
      await this.arm.request('PATCH', `${fleetId}/gates/${gateId}`, this.api, { properties: { state: 'Completed' } });
    } catch (error) {
      // Completing twice must be harmless: if Fleet refuses because the gate is already done, that is success.
      const current = armStatusOf(error) === 400 || armStatusOf(error) === 409 ? await this.getGate(fleetId, gateId) : undefined;
      if (current?.state !== 'Completed') throw error;
    }
  }

  async getUpdateRun(fleetId: string, runName: string): Promise<FleetUpdateRun | undefined> {
    const body = await this.arm.get(`${fleetId}/updateRuns/${runName}`, this.api);
    return body === undefined ? undefined : toFleetUpdateRun(fleetId, body);
  }

  async observeRun(fleetId: string, fleetName: string, runName: string, observedAt: string): Promise<RunObservation | undefined> {
    const body = await this.arm.get(`${fleetId}/updateRuns/${runName}`, this.api);
    return body === undefined ? undefined : { run: toFleetUpdateRun(fleetId, body), snapshot: toRunSnapshot(body, { fleetId, fleetName }, observedAt) };
  }

  async listRunSnapshots(fleetId: string, fleetName: string, observedAt: string): Promise<readonly RunSnapshot[]> {
    return (await this.arm.list(`${fleetId}/updateRuns`, this.api)).map((r) => toRunSnapshot(r, { fleetId, fleetName }, observedAt));
  }

  async stopUpdateRun(fleetId: string, runName: string): Promise<void> {
    try {
      // Not waited for (see completeGate): the run shows Stopping/Stopped on the next read, which confirms the stop.
      await this.arm.request('POST', `${fleetId}/updateRuns/${runName}/stop`, this.api);
    } catch (error) {
      // Stopping a run that is already stopping or stopped is success; anything else is a real failure.
      const status = armStatusOf(error);
      const run = status !== undefined && status < 500 ? await this.getUpdateRun(fleetId, runName) : undefined;
      if (!run || !isStopping(run.state)) throw error;
    }
  }

  async skipUpdateRun(fleetId: string, runName: string, targets: readonly SkipTarget[]): Promise<void> {
    // Not waited for (see completeGate): the gate machine confirms a skip when Fleet shows the target Skipped.
    await this.arm.request('POST', `${fleetId}/updateRuns/${runName}/skip`, this.api, { targets: [...targets] });
  }

  async getUpdateStrategy(fleetId: string, strategyName: string): Promise<readonly StrategyStage[] | undefined> {
    return (await this.getUpdateStrategyState(fleetId, strategyName))?.stages;
  }

  async getUpdateStrategyState(fleetId: string, strategyName: string): Promise<UpdateStrategyState | undefined> {
    const body = (await this.arm.get(`${fleetId}/updateStrategies/${strategyName}`, this.api)) as FleetUpdateStrategy | undefined;
    if (body === undefined) return undefined;
    const gates = (list: readonly GateConfiguration[] | null | undefined): { displayName: string }[] =>
      (list ?? []).map((g) => ({ displayName: g.displayName ?? '' }));
    const stages = (body.properties?.strategy?.stages ?? []).map((s) => ({
      name: s.name,
      afterStageWaitInSeconds: s.afterStageWaitInSeconds ?? 0,
      ...withMax(s.maxConcurrency),
      beforeGates: gates(s.beforeGates),
      afterGates: gates(s.afterGates),
      groups: (s.groups ?? []).map((g) => ({ name: g.name, ...withMax(g.maxConcurrency), beforeGates: gates(g.beforeGates), afterGates: gates(g.afterGates) })),
    }));
    const provisioningState = body.properties?.provisioningState ?? undefined;
    return { stages, ...(provisioningState ? { provisioningState } : {}), ...(body.eTag ? { etag: body.eTag } : {}) };
  }

  async upsertUpdateStrategy(fleetId: string, strategyName: string, stages: readonly StrategyStage[]): Promise<'done' | 'accepted'> {
    const gates = (list: readonly { displayName: string }[] | undefined): GateConfiguration[] => (list ?? []).map((g) => ({ displayName: g.displayName, type: 'Approval' }));
    // An older api-version would silently drop maxConcurrency: refuse instead of writing a different strategy.
    const limited = stages.some((s) => s.maxConcurrency !== undefined || s.groups.some((g) => g.maxConcurrency !== undefined));
    if (limited && this.api.slice(0, 10) < FIRST_MAX_CONCURRENCY_API) {
      throw new Error(`Strategy ${strategyName} sets maxConcurrency, which api-version ${this.api} does not carry; use 2026-02-01-preview or later (e.g. 2026-06-01)`);
    }
    const body: FleetUpdateStrategy = {
      properties: {
        strategy: {
          stages: stages.map((s): UpdateStage => ({
            name: s.name,
            ...(s.afterStageWaitInSeconds !== undefined ? { afterStageWaitInSeconds: s.afterStageWaitInSeconds } : {}),
            ...withMax(s.maxConcurrency),
            beforeGates: gates(s.beforeGates),
            afterGates: gates(s.afterGates),
            groups: s.groups.map((g) => ({ name: g.name, ...withMax(g.maxConcurrency), beforeGates: gates(g.beforeGates), afterGates: gates(g.afterGates) })),
          })),
        },
      },
    };
    // Not waited for (see completeGate): a PUT Fleet accepts asynchronously (201/200 with Azure-AsyncOperation) is
    // confirmed by reading the strategy back (content and provisioningState) on the next evaluation or tick.
    return (await this.arm.request('PUT', `${fleetId}/updateStrategies/${strategyName}`, this.api, body)).outcome;
  }
}
