import type { TableProvider } from '../../../emulator/logs/kql/EvalContext';
import type { Table } from '../../../emulator/logs/kql/kqlTypes';
import { formatDatetime, formatTimespan } from '../../../emulator/logs/kql/kqlValues';
import { runQuery } from '../../../emulator/logs/kql/runQuery';

export const NOW = Date.parse('2026-11-21T12:00:00Z');

export function fixedProvider(tables: Record<string, Table>): TableProvider {
  return { tableNames: () => Object.keys(tables), getTable: (name) => tables[name] };
}

/** Runs a query over fixed tables; columns as "name:type", datetime/timespan cells as KQL text for readable expectations. */
export function run(query: string, tables: Record<string, Table> = SAMPLE): { columns: string[]; rows: unknown[][] } {
  const t = runQuery(query, fixedProvider(tables), NOW);
  return {
    columns: t.columns.map((c) => `${c.name}:${c.type}`),
    rows: t.rows.map((r) => r.map((v, i) => {
      const type = t.columns[i]!.type;
      if (typeof v !== 'number') return v;
      return type === 'datetime' ? formatDatetime(v) : type === 'timespan' ? formatTimespan(v) : v;
    })),
  };
}

/** The value and type of `print x = <expression>`. */
export function scalar(expression: string, tables: Record<string, Table> = SAMPLE): unknown {
  return run(`print x = ${expression}`, tables).rows[0]![0];
}

export function scalarType(expression: string): string {
  return run(`print x = ${expression}`).columns[0]!.split(':')[1]!;
}

/** The message of the error a query raises ('' when it runs). */
export function errorOf(query: string, tables: Record<string, Table> = SAMPLE): string {
  try {
    runQuery(query, fixedProvider(tables), NOW);
    return '';
  } catch (err) {
    return (err as Error).message;
  }
}

function table(query: string): Table {
  return runQuery(query, fixedProvider({}), NOW);
}

/** Nodes: four rows over two clusters, with a null long, a null real and a null dynamic. */
export const Nodes = table(`datatable(Cluster:string, Node:string, Status:string, Restarts:long, Cpu:real, Ts:datetime, Props:dynamic)[
  "a", "n1", "Ready",    0,          0.5,        datetime(2026-11-21T10:00:00Z), dynamic({"zone":"1","tags":["x","y"]}),
  "a", "n2", "NotReady", 3,          real(null), datetime(2026-11-21T10:05:00Z), dynamic({"zone":"2"}),
  "b", "n3", "Ready",    long(null), 1.5,        datetime(2026-11-21T10:07:00Z), dynamic(null),
  "b", "n4", "Ready",    1,          2.5,        datetime(2026-11-21T11:00:00Z), dynamic({"zone":"1"})
]`);

/** Pods: failed pods per cluster; cluster "c" has pods but no nodes. */
export const Pods = table(`datatable(Cluster:string, Pod:string, Phase:string)[
  "a", "p1", "Running",
  "a", "p2", "Failed",
  "a", "p3", "Failed",
  "c", "p4", "Failed"
]`);

export const SAMPLE: Record<string, Table> = { Nodes, Pods };
