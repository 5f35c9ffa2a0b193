import type { Column, KqlType, KqlValue, Table } from './kql/kqlTypes';
import { dynamicToString, formatDatetime, formatTimespan } from './kql/kqlValues';

/** One table of the Log Analytics query API's response. */
export interface WireTable {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly unknown[])[];
}

function serializer(type: KqlType): (v: KqlValue) => unknown {
  switch (type) {
    case 'datetime': return (v) => (v === null ? null : formatDatetime(v as number));
    case 'timespan': return (v) => (v === null ? null : formatTimespan(v as number));
    // dynamic travels as JSON text; the SDK parses it back.
    case 'dynamic': return (v) => (v === null ? null : typeof v === 'string' ? JSON.stringify(v) : dynamicToString(v));
    case 'real': return (v) => (typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity') : v);
    case 'string': case 'guid': case 'long': case 'int': case 'bool': return (v) => v;
  }
}

/** Converts an evaluated table to the wire form: datetime as ISO 8601, timespan as [d.]hh:mm:ss, dynamic as JSON text. */
export function serializeTable(table: Table, name = 'PrimaryResult'): WireTable {
  const fns = table.columns.map((c) => serializer(c.type));
  return {
    name,
    columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: table.rows.map((r) => fns.map((f, i) => f(r[i]!))),
  };
}
