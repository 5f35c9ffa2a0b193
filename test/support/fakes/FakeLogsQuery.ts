import type { QueryResult } from '../../../src/domain/checks/checkEvaluation';
import type { TimeWindow } from '../../../src/domain/checks/checkQuery';
import type { LogsQuery } from '../../../src/ports';

/**
 * Answers check queries with one `ClusterId, Value` row per gated cluster (read from the query's
 * `let clusters = dynamic([...])`), the value given by `valueFor`; `undefined` leaves the cluster without a row.
 */
export class FakeLogsQuery implements LogsQuery {
  readonly queries: { workspaceId: string; kql: string; window: TimeWindow }[] = [];
  failWith: QueryResult | undefined;

  constructor(public valueFor: (clusterId: string, kql: string) => number | undefined = () => 0) {}

  query(workspaceId: string, kql: string, window: TimeWindow): Promise<QueryResult> {
    this.queries.push({ workspaceId, kql, window });
    if (this.failWith) return Promise.resolve(this.failWith);
    const list = /let clusters = dynamic\((\[[^\]]*\])\)/.exec(kql)?.[1] ?? '[]';
    const clusters = JSON.parse(list) as string[];
    const rows = clusters.flatMap((c) => {
      const v = this.valueFor(c, kql);
      return v === undefined ? [] : [[c, v]];
    });
    return Promise.resolve({ columns: [{ name: 'ClusterId', type: 'string' }, { name: 'Value', type: 'long' }], rows });
  }
}
