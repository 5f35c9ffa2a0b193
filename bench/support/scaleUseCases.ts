import type { GateDeps } from '../../src/app/gates/gateDeps';
import type { ReleaseDeps } from '../../src/app/releases/releaseDeps';
import type { AppLog, LogsQuery } from '../../src/ports';
import { InMemoryAuditLog } from '../../test/support/fakes/InMemoryAuditLog';
import { InMemoryEvidenceStore } from '../../test/support/fakes/InMemoryEvidenceStore';
import { InMemoryGateStore } from '../../test/support/fakes/InMemoryGateStore';
import { InMemoryOutbox } from '../../test/support/fakes/InMemoryOutbox';
import { InMemoryReleaseStore } from '../../test/support/fakes/InMemoryReleaseStore';
import { InMemoryRunHistory } from '../../test/support/fakes/InMemoryRunHistory';
import type { ScaleWorld } from './scaleWorld';

/** State in memory: what is counted is ARM requests, so storage stays out of the way. */
const memoryState = (history = new InMemoryRunHistory()) => ({
  gates: new InMemoryGateStore(),
  evidence: new InMemoryEvidenceStore(),
  releases: new InMemoryReleaseStore(),
  history,
  audit: new InMemoryAuditLog(),
  outbox: new InMemoryOutbox(),
});

/**
 * The release use cases on a scale world, as the production composition wires them (ARM through the emulator),
 * state in memory. Shared by the request-count tests and bench/requestCounts.
 */
export function scaleReleaseDeps(world: ScaleWorld): Omit<ReleaseDeps, 'log'> {
  return world.compose(memoryState()).deps.releases();
}

/** What the reconcile tick needs on a scale world, as the production composition wires it, state in memory. */
export function scaleGateDeps(world: ScaleWorld, logs: LogsQuery, log: AppLog, history = new InMemoryRunHistory()): GateDeps {
  return { ...world.compose({ ...memoryState(history), logs }).deps.gates(), log };
}
