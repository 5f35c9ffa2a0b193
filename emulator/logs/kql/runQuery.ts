import type { Operator, Pipeline, Query, Source, UnionLeg } from './ast';
import { constantCount, distinct, extend, matchesPattern, project, projectAway, projectRename, sortRows, where } from './basicOperators';
import { compileExpression } from './compileExpression';
import { scopeFor, type EvalContext, type TableProvider } from './EvalContext';
import { join } from './join';
import { KqlError } from './KqlError';
import { emptyValue, isNumericType, type KqlValue, type Table } from './kqlTypes';
import { parseQuery } from './parseQuery';
import { summarize } from './summarize';
import { scanHintFor } from './scanHints';
import { unionTables } from './union';

/** Parses and evaluates a KQL query; throws KqlError (with line:column) for any error or unsupported construct. */
export function runQuery(text: string, provider: TableProvider, nowMs: number): Table {
  const query = parseQuery(text, (name) => provider.tableNames().includes(name));
  return evaluateQuery(query, provider, nowMs);
}

export function evaluateQuery(query: Query, provider: TableProvider, nowMs: number): Table {
  const ctx: EvalContext = {
    provider,
    nowMs,
    scalarLets: new Map(),
    tabularLets: new Map(),
    evaluatePipeline: (p) => evaluatePipeline(p, ctx),
  };
  for (const s of query.statements) {
    if (s.k === 'let-scalar') {
      const c = compileExpression(s.expr, scopeFor(ctx, []));
      if (!c.constant) throw new KqlError(`let ${s.name}: the value must not depend on a row`, s.pos);
      ctx.scalarLets.set(s.name, { type: c.type, value: c.fn([]) });
      ctx.tabularLets.delete(s.name);
    } else {
      let cached: Table | undefined;
      const pipeline = s.pipeline;
      ctx.tabularLets.set(s.name, () => (cached ??= evaluatePipeline(pipeline, ctx)));
      ctx.scalarLets.delete(s.name);
    }
  }
  return evaluatePipeline(query.body, ctx);
}

function evaluatePipeline(p: Pipeline, ctx: EvalContext): Table {
  let table = evaluateSource(p.source, ctx, p.operators);
  for (const op of p.operators) table = applyOperator(table, op, ctx);
  return table;
}

function lookupTable(name: string, ctx: EvalContext, operators: readonly Operator[], pos: Source['pos']): Table {
  const lazy = ctx.tabularLets.get(name);
  if (lazy) return lazy();
  const table = ctx.provider.getTable(name, scanHintFor(operators, ctx, ctx.provider.columnsOf?.(name)));
  if (!table) {
    if (ctx.scalarLets.has(name)) throw new KqlError(`'${name}' is a scalar; a tabular expression was expected`, pos);
    throw new KqlError(`Failed to resolve table or column expression named '${name}'`, pos);
  }
  return table;
}

function evaluateSource(source: Source, ctx: EvalContext, operators: readonly Operator[]): Table {
  switch (source.k) {
    case 'table':
      return lookupTable(source.name, ctx, operators, source.pos);
    case 'pipeline':
      return evaluatePipeline(source.pipeline, ctx);
    case 'union':
      return evaluateUnion(source.legs, source.kind, source.withSource, ctx, operators, undefined);
    case 'print': {
      const scope = scopeFor(ctx, []);
      const compiled = source.items.map((i) => compileExpression(i.expr, scope));
      return {
        columns: compiled.map((c, i) => ({ name: source.items[i]!.name ?? `print_${i}`, type: c.type })),
        rows: [compiled.map((c) => c.fn([]))],
      };
    }
    case 'datatable': {
      const n = source.columns.length;
      if (source.values.length % n !== 0) throw new KqlError(`datatable: ${source.values.length} values do not fill rows of ${n} columns`, source.pos);
      const scope = scopeFor(ctx, []);
      const rows: KqlValue[][] = [];
      source.values.forEach((e, i) => {
        const col = source.columns[i % n]!;
        const c = compileExpression(e, scope);
        const ok = c.type === col.type || (isNumericType(c.type) && isNumericType(col.type)) || (col.type === 'guid' && c.type === 'string');
        if (!c.constant || !ok) throw new KqlError(`datatable: value ${i + 1} is ${c.type}, column '${col.name}' is ${col.type}`, e.pos);
        if (i % n === 0) rows.push([]);
        const v = c.fn([]);
        rows[rows.length - 1]!.push(v === null ? emptyValue(col.type) : col.type === 'long' || col.type === 'int' ? Math.trunc(v as number) : v);
      });
      return { columns: source.columns, rows };
    }
  }
}

function evaluateUnion(legs: readonly UnionLeg[], kind: 'inner' | 'outer', withSource: string | undefined, ctx: EvalContext, operators: readonly Operator[], first: Table | undefined): Table {
  const parts: { table: Table; source: string }[] = first ? [{ table: first, source: 'union_arg0' }] : [];
  legs.forEach((leg, i) => {
    if (leg.k === 'pipeline') { parts.push({ table: evaluatePipeline(leg.pipeline, ctx), source: `union_arg${parts.length || i}` }); return; }
    if (!leg.pattern.includes('*')) { parts.push({ table: lookupTable(leg.pattern, ctx, operators, leg.pos), source: leg.pattern }); return; }
    const names = [...ctx.provider.tableNames(), ...ctx.tabularLets.keys()].filter((n) => matchesPattern(n, leg.pattern));
    for (const name of names) parts.push({ table: lookupTable(name, ctx, operators, leg.pos), source: name });
  });
  return unionTables(parts, kind, withSource);
}

function applyOperator(table: Table, op: Operator, ctx: EvalContext): Table {
  switch (op.k) {
    case 'where': return where(table, op, ctx);
    case 'project': return project(table, op, ctx);
    case 'project-away': return projectAway(table, op);
    case 'project-rename': return projectRename(table, op);
    case 'extend': return extend(table, op, ctx);
    case 'summarize': return summarize(table, op, ctx);
    case 'join': return join(table, evaluatePipeline(op.right, ctx), op);
    case 'union': return evaluateUnion(op.legs, op.kind, op.withSource, ctx, [], table);
    case 'sort': return { columns: table.columns, rows: sortRows(table, op.keys, ctx) };
    case 'top': {
      const n = constantCount(op.count, ctx, 'top', op.pos);
      return { columns: table.columns, rows: sortRows(table, [op.key], ctx).slice(0, n) };
    }
    case 'take': return { columns: table.columns, rows: table.rows.slice(0, constantCount(op.count, ctx, 'take', op.pos)) };
    case 'distinct': return distinct(table, op, ctx);
    case 'count': return { columns: [{ name: 'Count', type: 'long' }], rows: [[table.rows.length]] };
  }
}
