import type { TableProvider } from '../../../emulator/logs/kql/EvalContext';
import type { Table } from '../../../emulator/logs/kql/kqlTypes';
import { runQuery } from '../../../emulator/logs/kql/runQuery';

export const NOW = Date.parse('2026-11-21T12:00:00Z');

export function fixedProvider(tables: Record<string, Table>): TableProvider {
  return { tableNames: () => Object.keys(tables), getTable: (name) => tables[name] };
}

/** Runs a query over fixed tables and returns { columns as "name:type", rows }. */
export function run(query: string, tables: Record<string, Table> = {}): { columns: string[]; rows: unknown[][] } {
  const t = runQuery(query, fixedProvider(tables), NOW);
  return { columns: t.columns.map((c) => `${c.name}:${c.type}`), rows: t.rows };
}

/** The single value of a one-row, one-column result (for `print x = ...`). */
export function scalar(expression: string, tables: Record<string, Table> = {}): unknown {
  const r = run(`print x = ${expression}`, tables);
  return r.rows[0]![0];
}
