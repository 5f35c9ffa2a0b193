import type { Operator } from './ast';
import { KqlError } from './KqlError';
import { emptyValue, type Column, type KqlValue, type Row, type Table } from './kqlTypes';

function keyOf(row: Row, idx: readonly number[]): string | undefined {
  let key = '';
  for (const i of idx) {
    const v = row[i]!;
    if (v === null) return undefined; // null keys never match
    key += (typeof v === 'object' ? JSON.stringify(v) : typeof v + ':' + String(v)) + '\u0001';
  }
  return key;
}

/** join kind=innerunique|inner|leftouter|leftanti|leftsemi on keys; right columns that clash get a numeric suffix (Name1). */
export function join(left: Table, right: Table, op: Extract<Operator, { k: 'join' }>): Table {
  const lIdx: number[] = [];
  const rIdx: number[] = [];
  for (const k of op.on) {
    const li = left.columns.findIndex((c) => c.name === k.left);
    const ri = right.columns.findIndex((c) => c.name === k.right);
    if (li < 0) throw new KqlError(`join: the left side has no column '${k.left}'`, k.pos);
    if (ri < 0) throw new KqlError(`join: the right side has no column '${k.right}'`, k.pos);
    const lt = left.columns[li]!.type;
    const rt = right.columns[ri]!.type;
    if (lt !== rt) throw new KqlError(`join: key '${k.left}' is ${lt} on the left but '${k.right}' is ${rt} on the right`, k.pos);
    lIdx.push(li);
    rIdx.push(ri);
  }
  const index = new Map<string, Row[]>();
  for (const r of right.rows) {
    const key = keyOf(r, rIdx);
    if (key === undefined) continue;
    const list = index.get(key);
    if (list) list.push(r); else index.set(key, [r]);
  }
  if (op.kind === 'leftanti' || op.kind === 'leftsemi') {
    const keep = op.kind === 'leftsemi';
    return { columns: left.columns, rows: left.rows.filter((r) => { const k = keyOf(r, lIdx); return (k !== undefined && index.has(k)) === keep; }) };
  }
  const names = new Set(left.columns.map((c) => c.name));
  const rightColumns: Column[] = right.columns.map((c) => {
    let name = c.name;
    for (let i = 1; names.has(name); i++) name = `${c.name}${i}`;
    names.add(name);
    return { name, type: c.type };
  });
  const columns = [...left.columns, ...rightColumns];
  const missing: KqlValue[] = right.columns.map((c) => emptyValue(c.type));
  let leftRows = left.rows;
  if (op.kind === 'innerunique') {
    const seen = new Set<string>();
    leftRows = leftRows.filter((r) => { const k = keyOf(r, lIdx); if (k === undefined || seen.has(k)) return false; seen.add(k); return true; });
  }
  const rows: KqlValue[][] = [];
  for (const l of leftRows) {
    const k = keyOf(l, lIdx);
    const matches = k === undefined ? undefined : index.get(k);
    if (matches) for (const r of matches) rows.push([...l, ...r]);
    else if (op.kind === 'leftouter') rows.push([...l, ...missing]);
  }
  return { columns, rows };
}
