import type { RunSnapshot } from '../../../src/domain/history/runSnapshot';
import type { FleetApi, FleetGate, FleetUpdateRun, RunObservation, SkipTarget, StrategyStage, UpdateStrategyState } from '../../../src/ports';

type Method = keyof FleetApi;

/** FleetApi in memory: gates and runs the test sets up, every call counted, failures injectable per method. */
export class FakeFleetApi implements FleetApi {
  readonly gates = new Map<string, FleetGate>();
  readonly runs = new Map<string, FleetUpdateRun>();
  readonly strategies = new Map<string, readonly StrategyStage[]>();
  /** Fleet's provisioningState per strategy (absent: Succeeded); a test sets it to finish an accepted write. */
  readonly strategyStates = new Map<string, string>();
  /** Strategy writes are taken as long-running operations (answer `accepted`, state Updating). */
  acceptStrategyWrites = false;
  readonly calls: { method: Method; args: unknown[] }[] = [];
  private readonly failures: { method: Method; error: Error }[] = [];

  failNext(method: Method, error: Error = new Error(`injected ${method} failure`)): void {
    this.failures.push({ method, error });
  }

  count(method: Method): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  private enter(method: Method, ...args: unknown[]): void {
    this.calls.push({ method, args });
    const i = this.failures.findIndex((f) => f.method === method);
    if (i >= 0) {
      const [failure] = this.failures.splice(i, 1);
      throw failure!.error;
    }
  }

  listGates(fleetId: string, options: { readonly state?: 'Pending' } = {}): Promise<readonly FleetGate[]> {
    this.enter('listGates', fleetId, options);
    return Promise.resolve([...this.gates.values()].filter((g) => !options.state || g.state === options.state));
  }
  getGate(fleetId: string, gateId: string): Promise<FleetGate | undefined> {
    this.enter('getGate', fleetId, gateId);
    return Promise.resolve(this.gates.get(gateId));
  }
  completeGate(fleetId: string, gateId: string): Promise<void> {
    this.enter('completeGate', fleetId, gateId);
    const gate = this.gates.get(gateId);
    if (gate) this.gates.set(gateId, { ...gate, state: 'Completed' });
    return Promise.resolve();
  }
  getUpdateRun(fleetId: string, runName: string): Promise<FleetUpdateRun | undefined> {
    this.enter('getUpdateRun', fleetId, runName);
    return Promise.resolve(this.runs.get(runName));
  }
  observeRun(fleetId: string, fleetName: string, runName: string, observedAt: string): Promise<RunObservation | undefined> {
    this.enter('observeRun', fleetId, fleetName, runName, observedAt);
    const run = this.runs.get(runName);
    return Promise.resolve(run ? { run, snapshot: { fleetName, fleetId, runName: run.name, state: run.state, createdAt: observedAt, observedAt, createdBy: 'test', stages: [] } } : undefined);
  }
  listRunSnapshots(fleetId: string, fleetName: string, observedAt: string): Promise<readonly RunSnapshot[]> {
    this.enter('listRunSnapshots', fleetId, fleetName, observedAt);
    return Promise.resolve(
      [...this.runs.values()].map((r) => ({ fleetName, fleetId, runName: r.name, state: r.state, createdAt: observedAt, observedAt, createdBy: 'test', stages: [] })),
    );
  }
  stopUpdateRun(fleetId: string, runName: string): Promise<void> {
    this.enter('stopUpdateRun', fleetId, runName);
    const run = this.runs.get(runName);
    if (run) this.runs.set(runName, { ...run, state: 'Stopping' });
    return Promise.resolve();
  }
  skipUpdateRun(fleetId: string, runName: string, targets: readonly SkipTarget[]): Promise<void> {
    this.enter('skipUpdateRun', fleetId, runName, targets);
    return Promise.resolve();
  }
  getUpdateStrategy(fleetId: string, name: string): Promise<readonly StrategyStage[] | undefined> {
    this.enter('getUpdateStrategy', fleetId, name);
    return Promise.resolve(this.strategies.get(name));
  }
  getUpdateStrategyState(fleetId: string, name: string): Promise<UpdateStrategyState | undefined> {
    this.enter('getUpdateStrategyState', fleetId, name);
    const stages = this.strategies.get(name);
    return Promise.resolve(stages ? { stages, provisioningState: this.strategyStates.get(name) ?? 'Succeeded' } : undefined);
  }
  upsertUpdateStrategy(fleetId: string, name: string, stages: readonly StrategyStage[]): Promise<'done' | 'accepted'> {
    this.enter('upsertUpdateStrategy', fleetId, name, stages);
    this.strategies.set(name, stages);
    if (this.acceptStrategyWrites) this.strategyStates.set(name, 'Updating');
    else this.strategyStates.delete(name);
    return Promise.resolve(this.acceptStrategyWrites ? 'accepted' : 'done');
  }
}
