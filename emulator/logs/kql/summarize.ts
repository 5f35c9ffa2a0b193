import type { Operator } from './ast';
import { compileAggregate, type AggState } from './aggregates';
import { defaultName } from './defaultName';
import { compileExpression } from './compileExpression';
import { scopeFor, type EvalContext } from './EvalContext';
import { KqlError } from './KqlError';
import type { Column, KqlValue, Table } from './kqlTypes';

interface Group {
  readonly keys: KqlValue[];
  readonly states: AggState[];
}

/** `summarize aggs by keys`: one row per distinct key tuple (by-columns first), or exactly one row without `by`. */
export function summarize(table: Table, op: Extract<Operator, { k: 'summarize' }>, ctx: EvalContext): Table {
  const scope = scopeFor(ctx, table.columns);
  const taken = new Set<string>();
  const counter = { n: 0 };
  const byColumns: Column[] = [];
  const keyFns = op.by.map((item) => {
    const c = compileExpression(item.expr, scope);
    // bin(TimeGenerated, 5m) and floor(...) keep the binned column's name.
    const e = item.expr;
    const name = item.name ?? (e.k === 'call' && (e.name === 'bin' || e.name === 'floor') && e.args[0]?.k === 'name' ? e.args[0].name : defaultName(e, taken, counter));
    if (c.type === 'dynamic') throw new KqlError(`summarize by: cannot group by a dynamic value ('${name}'); convert it with tostring()`, op.pos);
    byColumns.push({ name, type: c.type });
    taken.add(name);
    return c.fn;
  });
  const byNames = new Set(byColumns.map((c) => c.name));
  const aggregates = op.aggregates.map((a) => compileAggregate(a.expr, a.name, scope, byNames));
  const columns = [...byColumns];
  for (const agg of aggregates) {
    for (const out of agg.outputs) {
      let name = out.name;
      for (let i = 1; columns.some((c) => c.name === name); i++) name = `${out.name}${i}`;
      columns.push({ name, type: out.type });
    }
  }

  const groups = new Map<unknown, Group>();
  const order: Group[] = [];
  const single = keyFns.length === 1 ? keyFns[0]! : undefined;
  const rows = table.rows;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let mapKey: unknown;
    let keys: KqlValue[] | undefined;
    if (single) {
      mapKey = single(row);
    } else if (keyFns.length === 0) {
      mapKey = '';
    } else {
      keys = keyFns.map((f) => f(row));
      mapKey = keys.map((k) => (k === null ? '\u0000' : typeof k + ':' + (typeof k === 'object' ? JSON.stringify(k) : String(k)))).join('\u0001');
    }
    let g = groups.get(mapKey);
    if (!g) {
      g = { keys: keys ?? (single ? [mapKey as KqlValue] : []), states: aggregates.map((a) => a.init()) };
      groups.set(mapKey, g);
      order.push(g);
    }
    const states = g.states;
    for (let s = 0; s < states.length; s++) states[s]!.add(row);
  }
  if (keyFns.length === 0 && order.length === 0) order.push({ keys: [], states: aggregates.map((a) => a.init()) });
  const out = order.map((g) => {
    const r: KqlValue[] = [...g.keys];
    for (const s of g.states) r.push(...s.result());
    return r;
  });
  return { columns, rows: out };
}
