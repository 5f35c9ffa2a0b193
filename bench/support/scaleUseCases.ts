import { LogNotifier } from '../../src/adapters/notify/LogNotifier';
import { RunHistoryRecorder } from '../../src/app/history/RunHistoryRecorder';
import { createReleaseWorld, type ReleaseWorld } from '../../src/app/releases/releaseWorld';
import type { AppLog, LogsQuery } from '../../src/ports';
import { InMemoryAuditLog } from '../../test/support/fakes/InMemoryAuditLog';
import { InMemoryEvidenceStore } from '../../test/support/fakes/InMemoryEvidenceStore';
import { InMemoryGateStore } from '../../test/support/fakes/InMemoryGateStore';
import { InMemoryOutbox } from '../../test/support/fakes/InMemoryOutbox';
import { InMemoryReleaseStore } from '../../test/support/fakes/InMemoryReleaseStore';
import { InMemoryRunHistory } from '../../test/support/fakes/InMemoryRunHistory';
import type { ScaleWorld } from './scaleWorld';

/**
 * The release use cases on a scale world: ARM through the emulator, state in memory (what is counted is ARM
 * requests, so storage stays out of the way). Shared by the request-count tests and bench/requestCounts.
 */
export function scaleReleaseWorld(world: ScaleWorld): ReleaseWorld {
  return createReleaseWorld({
    config: world.config,
    source: world.source,
    runs: world.runs,
    fleet: world.fleet,
    releases: new InMemoryReleaseStore(),
    history: new InMemoryRunHistory(),
    audit: new InMemoryAuditLog(),
    outbox: new InMemoryOutbox(),
    clock: world.clock,
  });
}

/** What the reconcile tick needs on a scale world, with the run-history recorder, state in memory. */
export function scaleGateDeps(world: ScaleWorld, logs: LogsQuery, log: AppLog, history = new InMemoryRunHistory()) {
  return {
    config: world.config,
    fleet: world.fleet,
    logs,
    gates: new InMemoryGateStore(),
    evidence: new InMemoryEvidenceStore(),
    audit: new InMemoryAuditLog(),
    outbox: new InMemoryOutbox(),
    clock: world.clock,
    log,
    notifier: new LogNotifier(() => log),
    recorder: new RunHistoryRecorder({ fleet: world.fleet, history, clock: world.clock }),
  };
}
