import type { FleetConfig } from '../../domain/config/conductorConfig';
import type { RunSnapshot } from '../../domain/history/runSnapshot';
import type { Clock, FleetApi, ReleaseStore, RunHistoryStore } from '../../ports';
import { RunCreators } from './RunCreators';

export interface RecorderOptions {
  /**
   * How often a fleet's whole run list is read, to find runs nobody told Conductor about (started by Fleet's
   * auto-upgrade or by hand, without Conductor gates). Staggered per fleet so ticks stay flat.
   */
  readonly discoveryIntervalSeconds?: number;
  /** Runs created longer ago than this are pruned (`prune`); undefined keeps history forever. */
  readonly retentionDays?: number;
  /** At most this many runs are pruned per call (per reconcile tick), so a tick's work stays bounded. */
  readonly pruneBatch?: number;
}

const DEFAULT_PRUNE_BATCH = 100;

const DEFAULT_DISCOVERY_SECONDS = 6 * 3600;
/**
 * How much of a fleet's newest history a discovery compares with Fleet's list to find runs deleted in Azure. Older
 * runs are not checked again (they were finished long ago); an unfinished run is checked on every tick instead.
 */
const DELETION_CHECK_DEPTH = 100;

const fingerprint = (snapshot: RunSnapshot): string => {
  const { observedAt: _observedAt, ...content } = snapshot;
  return JSON.stringify(content);
};

/**
 * A stable spread in [0, 1) per fleet name, so fleets' discovery reads fall on different ticks: FNV-1a, then
 * MurmurHash3's finalizer, because names that differ only in their last character (fleet-001, fleet-002) must land far
 * apart, not one step apart (a plain multiply-by-31 hash put ten such fleets within four minutes of each other).
 */
function spread(name: string): number {
  let h = 0x811c9dc5;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/**
 * Keeps run history current, incrementally: the reconcile tick reads only the runs that can still change (the
 * store's unfinished runs, plus runs of gates it sees) and this writes a snapshot only when it differs from the last
 * one written, by this process or, after a restart, by any (one point read of the stored snapshot). History outlives
 * Fleet's own view (deleted runs stay). A full run list per fleet happens only for discovery: on a fleet with no
 * history yet, then once per discovery interval, staggered.
 */
export class RunHistoryRecorder {
  private readonly written = new Map<string, string>();
  private readonly nextDiscovery = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly creators: RunCreators | undefined;
  private readonly retentionMs: number | undefined;
  private readonly pruneBatch: number;

  constructor(
    private readonly deps: {
      readonly fleet: FleetApi;
      readonly history: RunHistoryStore;
      readonly clock: Clock;
      /** Conductor's run records: runs it created are recorded as created by it (see RunCreators). */
      readonly records?: Pick<ReleaseStore, 'getRunRecord'>;
    },
    options: RecorderOptions = {},
  ) {
    this.intervalMs = (options.discoveryIntervalSeconds ?? DEFAULT_DISCOVERY_SECONDS) * 1000;
    this.creators = deps.records ? new RunCreators(deps.records) : undefined;
    this.retentionMs = options.retentionDays === undefined ? undefined : options.retentionDays * 86_400_000;
    this.pruneBatch = options.pruneBatch ?? DEFAULT_PRUNE_BATCH;
  }

  /**
   * Retention, one bounded batch: forgets finished runs created more than the retention period ago, at most
   * `pruneBatch` of them (a backlog is worked off over the next ticks). Returns how many were pruned.
   */
  async prune(): Promise<number> {
    if (this.retentionMs === undefined) return 0;
    const before = new Date(Date.parse(this.deps.clock.nowIso()) - this.retentionMs).toISOString();
    return this.deps.history.pruneRuns(before, this.pruneBatch);
  }

  /** Runs of the fleet that may still change, from the store's small index (no ARM call). */
  activeRunNames(fleet: FleetConfig): Promise<readonly string[]> {
    return this.deps.history.listActiveRunNames(fleet.name);
  }

  /**
   * The fleet's next discovery after `afterMs`: each fleet keeps its own phase in every interval (a stable spread by
   * name), so fleets first discovered together (a new deployment, a restart on an empty history) still fall on
   * different ticks afterwards instead of all coming due in the same tick one interval later.
   */
  private nextSlot(fleet: FleetConfig, afterMs: number): number {
    if (this.intervalMs <= 0) return afterMs; // discovery on every tick
    const phase = spread(fleet.name) * this.intervalMs;
    return (Math.floor((afterMs - phase) / this.intervalMs) + 1) * this.intervalMs + phase;
  }

  /** Whether this tick should list the fleet's whole run history (see the class comment). */
  async discoveryDue(fleet: FleetConfig): Promise<boolean> {
    const now = Date.parse(this.deps.clock.nowIso());
    let next = this.nextDiscovery.get(fleet.name);
    if (next === undefined) {
      const known = (await this.deps.history.listRuns({ fleet: fleet.name, limit: 1 })).items.length > 0;
      next = known ? this.nextSlot(fleet, now) : now;
      this.nextDiscovery.set(fleet.name, next);
    }
    return now >= next;
  }

  /**
   * Lists every run of the fleet (discovery) and records what changed; runs of the fleet's newest history that
   * Fleet no longer lists are recorded as `Deleted`.
   */
  async record(fleet: FleetConfig): Promise<number> {
    const observedAt = this.deps.clock.nowIso();
    const snapshots = await this.deps.fleet.listRunSnapshots(fleet.fleetId, fleet.name, observedAt);
    this.nextDiscovery.set(fleet.name, this.nextSlot(fleet, Date.parse(observedAt)));
    const listed = new Set(snapshots.map((s) => s.runName));
    const newest = await this.deps.history.listRuns({ fleet: fleet.name, limit: DELETION_CHECK_DEPTH });
    const gone = newest.items.filter((r) => !listed.has(r.runName)).map((r) => r.runName);
    return (await this.recordObserved(fleet, snapshots)) + (await this.recordDeleted(fleet, gone, observedAt));
  }

  /**
   * Runs Fleet answered "not found" for (deleted in Azure): history keeps them, in state `Deleted`, with the time
   * they were last seen in Fleet. Runs never recorded, or already marked, are left as they are.
   */
  async recordDeleted(fleet: FleetConfig, runNames: readonly string[], observedAt: string): Promise<number> {
    const gone: RunSnapshot[] = [];
    for (const name of runNames) {
      const stored = await this.deps.history.getRun(fleet.name, name);
      if (!stored || stored.state === 'Deleted') continue;
      gone.push({ ...stored, state: 'Deleted', lastSeenAt: stored.observedAt, observedAt });
    }
    if (gone.length === 0) return 0;
    await this.deps.history.upsertRuns(gone);
    for (const snapshot of gone) this.written.set(`${fleet.name}|${snapshot.runName}`, fingerprint(snapshot));
    return gone.length;
  }

  /** Records runs read this tick: only snapshots that differ from the last one written are written. */
  async recordObserved(fleet: FleetConfig, observed: readonly RunSnapshot[]): Promise<number> {
    const changed: { snapshot: RunSnapshot; key: string; print: string }[] = [];
    const creators = this.creators;
    const snapshots = creators ? await Promise.all(observed.map((s) => creators.attribute(s))) : observed;
    await Promise.all(
      snapshots.map(async (snapshot) => {
        const key = `${fleet.name}|${snapshot.runName}`;
        const print = fingerprint(snapshot);
        let last = this.written.get(key);
        if (last === undefined) {
          const stored = await this.deps.history.getRun(fleet.name, snapshot.runName);
          last = stored === undefined ? undefined : fingerprint(stored);
        }
        if (last !== print) changed.push({ snapshot, key, print });
        else this.written.set(key, print);
      }),
    );
    if (changed.length === 0) return 0;
    await this.deps.history.upsertRuns(changed.map((c) => c.snapshot));
    for (const c of changed) this.written.set(c.key, c.print);
    return changed.length;
  }
}
