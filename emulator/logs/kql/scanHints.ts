import type { Expr, Operator } from './ast';
import { compileExpression } from './compileExpression';
import { scopeFor, type EvalContext, type ScanHint } from './EvalContext';
import { KqlError } from './KqlError';
import type { Column } from './kqlTypes';

/** Columns whose equality/in filters tell the generator which clusters a query can see. */
const CLUSTER_COLUMNS = new Set(['ClusterId', 'ClusterName', '_ResourceId']);

/**
 * Reads the `where` operators right after a table — `TimeGenerated > X` (>=, <, <=, between) and
 * `ClusterId|ClusterName|_ResourceId ==|=~|in|in~ <constants>`, in and-conjunctions — so the generator produces only
 * rows the query can see. Only a hint (a superset: cluster values compare case-insensitively); every where still
 * runs on the generated rows.
 */
export function scanHintFor(operators: readonly Operator[], ctx: EvalContext, columns: readonly Column[] = []): ScanHint {
  let fromMs: number | undefined;
  let toMs: number | undefined;
  const filters: { column: string; values: Set<string> }[] = [];
  const constant = (e: Expr): { type: string; value: unknown } | undefined => {
    try {
      // Compiled against the table's columns: an expression that reads a column is not a constant.
      const c = compileExpression(e, scopeFor(ctx, columns));
      return c.constant ? { type: c.type, value: c.fn([]) } : undefined;
    } catch (err) {
      if (err instanceof KqlError) return undefined;
      throw err;
    }
  };
  const constantMs = (e: Expr): number | undefined => {
    const c = constant(e);
    return c?.type === 'datetime' && typeof c.value === 'number' ? c.value : undefined;
  };
  const strings = (items: readonly Expr[]): Set<string> | undefined => {
    const out = new Set<string>();
    for (const item of items) {
      const c = constant(item);
      if (!c) return undefined;
      const values = Array.isArray(c.value) ? c.value : [c.value];
      for (const v of values) {
        if (typeof v !== 'string') return undefined;
        out.add(v.toLowerCase());
      }
    }
    return out;
  };
  const isTime = (e: Expr): boolean => e.k === 'name' && e.name === 'TimeGenerated';
  const clusterColumn = (e: Expr): string | undefined => (e.k === 'name' && CLUSTER_COLUMNS.has(e.name) ? e.name : undefined);
  const visit = (e: Expr): void => {
    if (e.k === 'binary' && e.op === 'and') { visit(e.left); visit(e.right); return; }
    if (e.k === 'between' && !e.negated && isTime(e.left)) {
      const lo = constantMs(e.low); const hi = constantMs(e.high);
      if (lo !== undefined) fromMs = Math.max(fromMs ?? -Infinity, lo);
      if (hi !== undefined) toMs = Math.min(toMs ?? Infinity, hi);
      return;
    }
    if (e.k === 'in' && (e.op === 'in' || e.op === 'in~') && !e.tabular) {
      const column = clusterColumn(e.left);
      const values = column ? strings(e.list) : undefined;
      if (column && values) filters.push({ column, values });
      return;
    }
    if (e.k !== 'binary') return;
    if (e.op === '==' || e.op === '=~') {
      const column = clusterColumn(e.left);
      const values = column ? strings([e.right]) : undefined;
      if (column && values) filters.push({ column, values });
      return;
    }
    const lower = isTime(e.left) && (e.op === '>' || e.op === '>=') ? e.right : isTime(e.right) && (e.op === '<' || e.op === '<=') ? e.left : undefined;
    const upper = isTime(e.left) && (e.op === '<' || e.op === '<=') ? e.right : isTime(e.right) && (e.op === '>' || e.op === '>=') ? e.left : undefined;
    if (lower) { const v = constantMs(lower); if (v !== undefined) fromMs = Math.max(fromMs ?? -Infinity, v); }
    if (upper) { const v = constantMs(upper); if (v !== undefined) toMs = Math.min(toMs ?? Infinity, v); }
  };
  for (const op of operators) {
    if (op.k !== 'where') break;
    visit(op.predicate);
  }
  return { fromMs, toMs, clusterFilters: filters };
}
