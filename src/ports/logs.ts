import type { QueryResult } from '../domain/checks/checkEvaluation';
import type { TimeWindow } from '../domain/checks/checkQuery';

// Log Analytics

export interface LogsQuery {
  /**
   * Runs one KQL query over `timespan` (the Log Analytics request timespan: a check's scan start to its window end,
   * see queryTimespan; the query's own filters narrow each table further). Never throws for a service failure: errors (HTTP, timeout, partial
   * results) come back as a QueryFailure, which the check semantics count as Error, never as a pass.
   */
  query(workspaceId: string, kql: string, timespan: TimeWindow): Promise<QueryResult>;
}
