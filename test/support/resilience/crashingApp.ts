import type { Config } from '../../../src/config';
import { composeApp, type Adapters, type App, type CompositionOverrides } from '../../../src/composition/composeApp';
import type { Notifier, OutboxMessage } from '../../../src/ports';
import { crashing, type InstanceLife } from './crashInjector';

/** What a notifier send or an outbox write is about: the message id (also its idempotency key). */
function messageIdOf(args: unknown[]): string | undefined {
  const first = args[0] as Partial<OutboxMessage> | undefined;
  return typeof first?.id === 'string' ? first.id : undefined;
}

/**
 * One app instance as production composes it (composeApp: SDK clients, HTTPS to ARM and Log Analytics, tables on
 * Storage, the webhook notifier), with every adapter call crossing `life`'s action boundaries: before and after each
 * ARM call, table read or write, Logs query and notification send. The planned boundary kills the instance (see
 * InstanceLife). The use cases and their wiring are composeApp's own; only the adapters under them are decorated,
 * through the composition's adapter seam. The Conductor configuration is left to the composition (read from the file),
 * so both instances hash it alike.
 */
export function composeCrashingApp(config: Config, overrides: CompositionOverrides, life: InstanceLife): App {
  const base = composeApp(config, overrides).adapters;
  const adapters: Partial<Adapters> = {
    fleet: crashing(base.fleet, life, 'fleet'),
    source: crashing(base.source, life, 'source'),
    runs: crashing(base.runs, life, 'runs'),
    preflight: crashing(base.preflight, life, 'preflight'),
    logs: crashing(base.logs, life, 'logs'),
    gates: crashing(base.gates, life, 'gates'),
    evidence: crashing(base.evidence, life, 'evidence'),
    releases: crashing(base.releases, life, 'releases'),
    history: crashing(base.history, life, 'history'),
    audit: crashing(base.audit, life, 'audit'),
    outbox: crashing(base.outbox, life, 'outbox', messageIdOf),
    approvals: crashing(base.approvals, life, 'approvals'),
    timerRuns: crashing(base.timerRuns, life, 'timerRuns'),
    preflights: crashing(base.preflights, life, 'preflights'),
    notifier: (log) => crashing<Notifier>(base.notifier(log), life, 'notifier', messageIdOf),
  };
  return composeApp(config, { ...overrides, adapters });
}
