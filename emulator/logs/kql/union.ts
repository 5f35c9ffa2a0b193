import { emptyValue, type Column, type KqlValue, type Table } from './kqlTypes';

/**
 * Union of tables. Columns are matched by name and type; a name present with two types becomes `Name_type`.
 * kind=outer keeps every column (missing cells: '' for strings, null otherwise); kind=inner keeps the common ones.
 */
export function unionTables(parts: readonly { table: Table; source: string }[], kind: 'inner' | 'outer', withSource?: string): Table {
  const keyed = (c: Column): string => `${c.name}\u0001${c.type}`;
  const types = new Map<string, Set<string>>();
  for (const { table } of parts) for (const c of table.columns) (types.get(c.name) ?? types.set(c.name, new Set()).get(c.name)!).add(c.type);
  const outName = (c: Column): string => (types.get(c.name)!.size > 1 ? `${c.name}_${c.type}` : c.name);
  let columns: Column[] = [];
  const seen = new Set<string>();
  for (const { table } of parts) {
    for (const c of table.columns) {
      if (seen.has(keyed(c))) continue;
      seen.add(keyed(c));
      columns.push({ name: outName(c), type: c.type });
    }
  }
  if (kind === 'inner') {
    columns = columns.filter((oc) => parts.every(({ table }) => table.columns.some((c) => outName(c) === oc.name && c.type === oc.type)));
  }
  const rows: KqlValue[][] = [];
  for (const { table, source } of parts) {
    const map = columns.map((oc) => table.columns.findIndex((c) => outName(c) === oc.name && c.type === oc.type));
    for (const r of table.rows) {
      const out = map.map((i, j) => (i >= 0 ? r[i]! : emptyValue(columns[j]!.type)));
      if (withSource) out.unshift(source);
      rows.push(out);
    }
  }
  if (withSource) columns.unshift({ name: withSource, type: 'string' });
  return { columns, rows };
}
