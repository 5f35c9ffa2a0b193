import type { TimerRun, TimerRunLog } from '../../ports';
import type { TableClientFactory } from './tableClientFactory';

// One partition, one row per timer: the table is tiny (one entity per timer function) and read whole by health.
const PARTITION = 'timer';

interface TimerRunEntity {
  partitionKey: string;
  rowKey: string;
  schedule: string;
  startedAt: string;
  finishedAt: string;
  isPastDue: boolean;
  outcome: string;
  error?: string;
}

/** TimerRunLog in Azure Table Storage (table `<prefix>TimerRuns`). */
export class TableTimerRunLog implements TimerRunLog {
  constructor(private readonly tables: TableClientFactory) {}

  async upsertTimerRun(run: TimerRun): Promise<void> {
    const client = await this.tables('TimerRuns');
    const entity: TimerRunEntity = {
      partitionKey: PARTITION,
      rowKey: run.functionName,
      schedule: run.schedule,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      isPastDue: run.isPastDue,
      outcome: run.outcome,
      ...(run.error !== undefined ? { error: run.error.slice(0, 8000) } : {}),
    };
    // Replace, not merge: a success must clear the error of an earlier failure.
    await client.upsertEntity(entity, 'Replace');
  }

  async listTimerRuns(): Promise<readonly TimerRun[]> {
    const client = await this.tables('TimerRuns');
    const runs: TimerRun[] = [];
    for await (const e of client.listEntities<TimerRunEntity>({ queryOptions: { filter: `PartitionKey eq '${PARTITION}'` } })) {
      runs.push({
        functionName: e.rowKey,
        schedule: e.schedule,
        startedAt: e.startedAt,
        finishedAt: e.finishedAt,
        isPastDue: e.isPastDue,
        outcome: e.outcome === 'Failed' ? 'Failed' : 'Succeeded',
        ...(e.error !== undefined ? { error: e.error } : {}),
      });
    }
    return runs.sort((a, b) => a.functionName.localeCompare(b.functionName));
  }
}
