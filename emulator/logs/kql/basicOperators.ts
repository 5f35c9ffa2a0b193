import type { Expr, NamedExpr, Operator, SortKey } from './ast';
import { defaultName } from './defaultName';
import { compileExpression } from './compileExpression';
import type { Compiled } from './compiled';
import { compareNonNull } from './compareValues';
import { scopeFor, type EvalContext } from './EvalContext';
import { KqlError } from './KqlError';
import { isNumericType, type Column, type KqlValue, type Table } from './kqlTypes';

export function where(table: Table, op: Extract<Operator, { k: 'where' }>, ctx: EvalContext): Table {
  const pred = compileExpression(op.predicate, scopeFor(ctx, table.columns));
  if (pred.type !== 'bool' && pred.type !== 'dynamic') throw new KqlError(`The where predicate must be bool, got ${pred.type}`, op.pos);
  const f = pred.fn;
  const out: KqlValue[][] = [];
  const rows = table.rows;
  for (let i = 0; i < rows.length; i++) if (f(rows[i]!) === true) out.push(rows[i]!);
  return { columns: table.columns, rows: out };
}

function compileItems(table: Table, items: readonly NamedExpr[], ctx: EvalContext): { columns: Column[]; fns: Compiled[] } {
  const scope = scopeFor(ctx, table.columns);
  const columns: Column[] = [];
  const fns: Compiled[] = [];
  const taken = new Set(table.columns.map((c) => c.name));
  const counter = { n: 0 };
  for (const item of items) {
    const c = compileExpression(item.expr, scope);
    const name = item.name ?? defaultName(item.expr, taken, counter);
    taken.add(name);
    columns.push({ name, type: c.type });
    fns.push(c);
  }
  return { columns, fns };
}

export function project(table: Table, op: Extract<Operator, { k: 'project' }>, ctx: EvalContext): Table {
  const { columns, fns } = compileItems(table, op.items, ctx);
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw new KqlError(`project: the column '${c.name}' appears more than once`, op.pos);
    seen.add(c.name);
  }
  const fs = fns.map((f) => f.fn);
  return { columns, rows: table.rows.map((r) => fs.map((f) => f(r))) };
}

/** `extend a = …, b = f(a)`: each item sees the columns added before it. */
export function extend(table: Table, op: Extract<Operator, { k: 'extend' }>, ctx: EvalContext): Table {
  let out = table;
  for (const item of op.items) out = extendOne(out, [item], ctx);
  return out;
}

function extendOne(table: Table, items: readonly NamedExpr[], ctx: EvalContext): Table {
  const { columns: added, fns } = compileItems(table, items, ctx);
  const columns = [...table.columns];
  const targets = added.map((c) => {
    const existing = columns.findIndex((x) => x.name === c.name);
    if (existing >= 0) { columns[existing] = c; return existing; }
    columns.push(c);
    return columns.length - 1;
  });
  const fs = fns.map((f) => f.fn);
  const rows = table.rows.map((r) => {
    const out = r.slice();
    for (let i = 0; i < fs.length; i++) out[targets[i]!] = fs[i]!(r);
    return out;
  });
  return { columns, rows };
}

export function matchesPattern(name: string, pattern: string): boolean {
  if (!pattern.includes('*')) return name === pattern;
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(name);
}

export function projectAway(table: Table, op: Extract<Operator, { k: 'project-away' }>): Table {
  for (const p of op.patterns) {
    if (!p.includes('*') && !table.columns.some((c) => c.name === p)) throw new KqlError(`project-away: no column named '${p}'`, op.pos);
  }
  const keep = table.columns.map((c, i) => ({ c, i })).filter(({ c }) => !op.patterns.some((p) => matchesPattern(c.name, p)));
  return { columns: keep.map((k) => k.c), rows: table.rows.map((r) => keep.map((k) => r[k.i]!)) };
}

export function projectRename(table: Table, op: Extract<Operator, { k: 'project-rename' }>): Table {
  const columns = table.columns.map((c) => ({ ...c }));
  for (const { to, from } of op.renames) {
    const col = columns.find((c) => c.name === from);
    if (!col) throw new KqlError(`project-rename: no column named '${from}'`, op.pos);
    col.name = to;
  }
  return { columns, rows: table.rows };
}

export function constantCount(e: Expr, ctx: EvalContext, what: string, pos: Operator['pos']): number {
  const c = compileExpression(e, scopeFor(ctx, []));
  const v = c.fn([]);
  if (!c.constant || !isNumericType(c.type) || typeof v !== 'number' || v < 0) throw new KqlError(`${what} expects a non-negative constant number`, pos);
  return Math.floor(v);
}

export function sortRows(table: Table, keys: readonly SortKey[], ctx: EvalContext): KqlValue[][] {
  const scope = scopeFor(ctx, table.columns);
  const fns = keys.map((k) => compileExpression(k.expr, scope).fn);
  const decorated = table.rows.map((row, i) => ({ row, i, keys: fns.map((f) => f(row)) }));
  decorated.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const x = a.keys[k]!;
      const y = b.keys[k]!;
      const { desc, nullsFirst } = keys[k]!;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === nullsFirst ? -1 : 1;
      }
      const c = compareNonNull(x, y);
      if (c !== 0) return desc ? -c : c;
    }
    return a.i - b.i;
  });
  return decorated.map((d) => d.row);
}

export function distinct(table: Table, op: Extract<Operator, { k: 'distinct' }>, ctx: EvalContext): Table {
  const projected = op.items === '*' ? table : project(table, { k: 'project', items: op.items, pos: op.pos }, ctx);
  const seen = new Set<string>();
  const rows: KqlValue[][] = [];
  for (const r of projected.rows) {
    const key = JSON.stringify(r);
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(r);
  }
  return { columns: projected.columns, rows };
}

