import type { Expr, Operator } from './ast';
import { AGGREGATE_NAMES } from './aggregateNames';
import { compileAggregate, type Aggregate, type AggState } from './aggregates';
import { defaultName } from './defaultName';
import { compileExpression } from './compileExpression';
import { scopeFor, type EvalContext } from './EvalContext';
import { KqlError, unsupported } from './KqlError';
import { SCALAR_FUNCTIONS } from './scalarFunctions';
import type { Column, KqlValue, Row, Table } from './kqlTypes';

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
  // Each summarize item is an aggregation (possibly several output columns, like arg_max) or an expression over
  // aggregations (`100.0 * countif(Ready) / count()`), computed from hidden single-column aggregations per group.
  const aggregates: Aggregate[] = [];
  const items: ({ k: 'direct'; index: number } | { k: 'computed'; first: number; count: number; fn: (row: Row) => KqlValue })[] = [];
  const outputs: Column[] = [];
  for (const item of op.aggregates) {
    if (item.expr.k === 'call' && AGGREGATE_NAMES.has(item.expr.name)) {
      const agg = compileAggregate(item.expr, item.name, scope, byNames);
      items.push({ k: 'direct', index: aggregates.length });
      aggregates.push(agg);
      outputs.push(...agg.outputs);
      continue;
    }
    const found: Expr[] = [];
    const rewritten = extractAggregates(item.expr, found);
    if (found.length === 0 && item.expr.k === 'call' && !(item.expr.name in SCALAR_FUNCTIONS)) throw unsupported(`aggregation function ${item.expr.name}()`, item.expr.pos);
    if (found.length === 0) throw new KqlError('summarize expects aggregation functions (count(), sum(x), ...); wrap scalar logic inside them', item.expr.pos);
    const first = aggregates.length;
    const hidden: Column[] = [];
    found.forEach((e, i) => {
      const agg = compileAggregate(e, `__agg${i}`, scope, new Set());
      if (agg.outputs.length !== 1) throw new KqlError('arg_max()/arg_min() cannot be used inside an expression', e.pos);
      hidden.push({ name: `__agg${i}`, type: agg.outputs[0]!.type });
      aggregates.push(agg);
    });
    const post = compileExpression(rewritten, scopeFor(ctx, hidden));
    items.push({ k: 'computed', first, count: found.length, fn: post.fn });
    outputs.push({ name: item.name ?? defaultName(item.expr, taken, counter), type: post.type });
  }
  const columns = [...byColumns];
  for (const out of outputs) {
    let name = out.name;
    for (let i = 1; columns.some((c) => c.name === name); i++) name = `${out.name}${i}`;
    columns.push({ name, type: out.type });
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
    for (const item of items) {
      if (item.k === 'direct') r.push(...g.states[item.index]!.result());
      else r.push(item.fn(g.states.slice(item.first, item.first + item.count).map((st) => st.result()[0]!)));
    }
    return r;
  });
  return { columns, rows: out };
}

/** Replaces each aggregation call inside an expression by a reference to a hidden column `__aggN`. */
function extractAggregates(e: Expr, found: Expr[]): Expr {
  switch (e.k) {
    case 'call':
      if (AGGREGATE_NAMES.has(e.name)) {
        found.push(e);
        return { k: 'name', name: `__agg${found.length - 1}`, pos: e.pos };
      }
      return { ...e, args: e.args.map((a) => extractAggregates(a, found)) };
    case 'binary':
      return { ...e, left: extractAggregates(e.left, found), right: extractAggregates(e.right, found) };
    case 'negate':
      return { ...e, operand: extractAggregates(e.operand, found) };
    case 'member':
      return { ...e, target: extractAggregates(e.target, found), key: typeof e.key === 'string' ? e.key : extractAggregates(e.key, found) };
    case 'between':
      return { ...e, left: extractAggregates(e.left, found), low: extractAggregates(e.low, found), high: extractAggregates(e.high, found) };
    case 'in':
      return { ...e, left: extractAggregates(e.left, found), list: e.list.map((x) => extractAggregates(x, found)) };
    case 'literal': case 'name': case 'star':
      return e;
  }
}
