import { ConcurrencyError, type RunRecord, type StoredRunRecord } from '../../ports';
import type { Operator } from './operatorDeps';
import type { HistoryDeps } from '../history/historyDeps';

/**
 * Appends an operator action to the run's record (and applies `change`), guarded by the ETag; a concurrent writer
 * makes it reload and apply again. Runs Conductor did not create have no record: nothing to write.
 */
export async function recordOperatorAction(
  deps: Pick<HistoryDeps, 'releases'>,
  record: StoredRunRecord | undefined,
  action: string,
  operator: Operator,
  at: string,
  change: (record: RunRecord) => RunRecord = (r) => r,
): Promise<void> {
  let current = record;
  for (let attempt = 0; current && attempt < 3; attempt++) {
    const { etag, ...plain } = current;
    const next = change({ ...plain, operatorActions: [...(plain.operatorActions ?? []), { action, at, by: operator.name, reason: operator.reason }] });
    try {
      await deps.releases.updateRunRecord(next, etag);
      return;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      const runName = current.runName;
      current = (await deps.releases.listRunRecords(current.fleetId)).find((r) => r.runName === runName);
    }
  }
  if (current) throw new ConcurrencyError(`Run record of ${current.runName} keeps changing`);
}
