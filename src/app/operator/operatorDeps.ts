import type { FleetConfig } from '../../domain/config/conductorConfig';
import type { StoredRunRecord } from '../../ports';
import type { HistoryDeps } from '../history/historyDeps';

/** Who asks, and why (required: every operator action is audited with its reason). */
export interface Operator {
  readonly name: string;
  readonly reason: string;
}

/**
 * The answer to an operator action. Anything but `done` changed nothing: the checks that can refuse run before
 * the first write.
 */
export type OperatorOutcome =
  | { readonly kind: 'done'; readonly body: Readonly<Record<string, unknown>> }
  | { readonly kind: 'notFound'; readonly detail: string }
  /** The action does not fit the current state; `state` names it. */
  | { readonly kind: 'conflict'; readonly state: string; readonly detail: string }
  /** The body names something the run does not have (e.g. a skip target). */
  | { readonly kind: 'invalid'; readonly parameter: string; readonly detail: string };

export const notFound = (detail: string): OperatorOutcome => ({ kind: 'notFound', detail });
export const conflict = (state: string, detail: string): OperatorOutcome => ({ kind: 'conflict', state, detail });

export function findFleet(deps: Pick<HistoryDeps, 'config'>, fleetName: string): FleetConfig | undefined {
  return deps.config.fleets.find((f) => f.name === fleetName.toLowerCase());
}

export async function findRecord(deps: Pick<HistoryDeps, 'releases'>, fleet: FleetConfig, runName: string): Promise<StoredRunRecord | undefined> {
  return (await deps.releases.listRunRecords(fleet.fleetId)).find((r) => r.runName === runName);
}

/** One audit event per operator action: actor, time, reason. The id is unique per (action, run, gate, time, actor). */
export async function auditOperatorAction(
  deps: Pick<HistoryDeps, 'audit'>,
  event: { readonly fleetId: string; readonly runName: string; readonly kind: string; readonly at: string; readonly operator: Operator; readonly message: string; readonly gateId?: string; readonly data?: Record<string, unknown> },
): Promise<void> {
  await deps.audit.appendAuditEvents([
    {
      id: `operator/${event.kind}/${event.runName}/${event.gateId ?? ''}/${event.at}/${event.operator.name}`,
      at: event.at,
      fleetId: event.fleetId,
      runName: event.runName,
      kind: event.kind,
      actor: event.operator.name,
      message: `${event.message}: ${event.operator.reason}`,
      ...(event.gateId ? { gateId: event.gateId } : {}),
      data: { reason: event.operator.reason, ...event.data },
    },
  ]);
}
