import type { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import type { GenerateOutcome, RunCreator, UpdateRunSpec } from '../../ports';
import type { UpgradeTarget } from '../../domain/versions/fleetFacts';
import { armStatusOf } from './armStatusOf';
import type { ArmTransport } from './ArmTransport';
import { toFleetUpdateRun } from './toFleetUpdateRun';
import { toRunTarget, toUpdateRunBody } from './toRunTarget';
import type { GenerateResponse, UpdateRun } from './fleetWire20260601';

/** States from which Fleet accepts `start`; a refused start in any other state means the run already started. */
const STARTABLE = new Set(['notstarted', 'failed', 'stopped']);
/**
 * Runs that block another run in the fleet. NotStarted counts: a created-but-not-started run (e.g. one whose start
 * was lost in a crash) still holds its members, and starting a second run beside it would race it.
 */
const ACTIVE = new Set(['notstarted', 'running', 'pending', 'stopping']);

/**
 * RunCreator over ARM, raw calls through the SDK client's pipeline. Creation is a PUT with `If-None-Match: *`
 * ("exists" is a plain 412); create and start are sent and not waited for (no handler sits in an LRO poll); the
 * active-run list is read with the gate-aware api-version so `Pending` and the status survive.
 */
export class ArmRunCreator implements RunCreator {
  constructor(
    /** Unused since every call is raw (no SDK poller); kept so wiring stays the same. */
    _clientFor: (subscriptionId: string) => ContainerServiceFleetClient,
    private readonly arm: ArmTransport,
    private readonly options: { readonly previewApiVersion: string; readonly pollIntervalInMs: number },
  ) {}

  async createUpdateRun(fleetId: string, runName: string, spec: UpdateRunSpec): Promise<'created' | 'exists'> {
    try {
      // Not waited for: 201 means the run exists; a start refused while Fleet still provisions it is retried by the next evaluation.
      await this.arm.request('PUT', `${fleetId}/updateRuns/${runName}`, this.options.previewApiVersion, toUpdateRunBody(fleetId, spec), { 'If-None-Match': '*' });
      return 'created';
    } catch (error) {
      // 412 PreconditionFailed: a run of that name exists; If-None-Match kept Fleet from touching it.
      if (armStatusOf(error) === 412) return 'exists';
      throw error;
    }
  }

  async startUpdateRun(fleetId: string, runName: string): Promise<'started' | 'alreadyStarted'> {
    try {
      // Not waited for: Azure answers 200 with the run still NotStarted (docs/azure-apis.md §7), or 202; either way the
      // start is requested, and the run's own state on the next read (history, the next evaluation) confirms it.
      await this.arm.request('POST', `${fleetId}/updateRuns/${runName}/start`, this.options.previewApiVersion);
      return 'started';
    } catch (error) {
      // Fleet refuses (409 OperationNotAllowed, or 400 on some api-versions) to start a run that is not startable.
      // Only the run's own state tells "already started or done" (success) from a real refusal (rethrown).
      const status = armStatusOf(error);
      if (status !== 400 && status !== 409) throw error;
      const body = await this.arm.get(`${fleetId}/updateRuns/${runName}`, this.options.previewApiVersion);
      if (body === undefined || STARTABLE.has(toFleetUpdateRun(fleetId, body).state.toLowerCase())) throw error;
      return 'alreadyStarted';
    }
  }

  async generateUpdateRun(fleetId: string, profileName: string): Promise<GenerateOutcome> {
    // Raw, not the typed SDK: SDK 2.0.0 throws on the 204 "No update run was generated." that 2026-06-02-preview and
    // later answer when there is nothing to generate (docs/azure-apis.md §7). A 202 (the spec marks the action
    // long-running) is not followed: no handler sits in an LRO poll; the caller records the request and finds the
    // run on Fleet's run list later (findGeneratedRun).
    const answer = await this.arm.send('POST', `${fleetId}/autoUpgradeProfiles/${profileName}/generateUpdateRun`, this.options.previewApiVersion);
    if (answer.status === 204) return { kind: 'none' };
    if (answer.status === 202) return { kind: 'accepted' };
    const result = answer.body as GenerateResponse | undefined;
    const id = typeof result?.id === 'string' ? result.id : '';
    // An async-operation id there (docs/azure-apis.md §1.6) is not a run.
    const name = /\/updateRuns\/([^/?]+)$/i.exec(id)?.[1];
    if (!name) throw new Error(`generateUpdateRun on ${fleetId}/autoUpgradeProfiles/${profileName} returned "${id}", not an update run id`);
    return { kind: 'generated', runName: name };
  }

  async findGeneratedRun(fleetId: string, profileName: string, target: UpgradeTarget): Promise<string | undefined> {
    const profileId = `${fleetId}/autoUpgradeProfiles/${profileName}`.toLowerCase();
    const runs = await this.arm.list(`${fleetId}/updateRuns`, this.options.previewApiVersion);
    const found = runs.find((json) => {
      const fromProfile = (json as UpdateRun).properties?.autoUpgradeProfileId?.toLowerCase() === profileId;
      const run = toFleetUpdateRun(fleetId, json);
      const runTarget = toRunTarget(json);
      // A node-image run names its image only once Fleet selected it (toRunTarget): the kind is what can be matched.
      const sameTarget = runTarget?.kind === target.kind && (target.kind === 'nodeimage' || runTarget.version === target.version);
      // NotStarted only: an earlier run of the same target (completed, or one a catch-up follows) is not this request's.
      return fromProfile && sameTarget && run.state.toLowerCase() === 'notstarted';
    });
    return found === undefined ? undefined : toFleetUpdateRun(fleetId, found).name;
  }

  async listActiveRuns(fleetId: string): Promise<readonly { readonly name: string; readonly state: string; readonly target: UpgradeTarget | undefined }[]> {
    const runs = await this.arm.list(`${fleetId}/updateRuns`, this.options.previewApiVersion);
    return runs
      .map((json) => ({ run: toFleetUpdateRun(fleetId, json), target: toRunTarget(json) }))
      .filter(({ run }) => ACTIVE.has(run.state.toLowerCase()))
      .map(({ run, target }) => ({ name: run.name, state: run.state, target }));
  }
}
