import type { Expr, Operator } from './ast';
import { compileExpression } from './compileExpression';
import { KqlError } from './KqlError';
import { scopeFor, type EvalContext, type TimeHint } from './EvalContext';

/**
 * Reads `where TimeGenerated > X` (>=, between, and-conjunctions) right after a table so the generator can produce
 * only the rows the query can see. Only a hint: the where still runs on every generated row.
 */
export function timeHintFor(operators: readonly Operator[], ctx: EvalContext): TimeHint {
  const first = operators[0];
  if (first?.k !== 'where') return {};
  let fromMs: number | undefined;
  let toMs: number | undefined;
  const constantMs = (e: Expr): number | undefined => {
    try {
      const c = compileExpression(e, scopeFor(ctx, []));
      if (!c.constant || c.type !== 'datetime') return undefined;
      const v = c.fn([]);
      return typeof v === 'number' ? v : undefined;
    } catch (err) {
      if (err instanceof KqlError) return undefined;
      throw err;
    }
  };
  const isTime = (e: Expr): boolean => e.k === 'name' && e.name === 'TimeGenerated';
  const visit = (e: Expr): void => {
    if (e.k === 'binary' && e.op === 'and') { visit(e.left); visit(e.right); return; }
    if (e.k === 'between' && !e.negated && isTime(e.left)) {
      const lo = constantMs(e.low); const hi = constantMs(e.high);
      if (lo !== undefined) fromMs = Math.max(fromMs ?? -Infinity, lo);
      if (hi !== undefined) toMs = Math.min(toMs ?? Infinity, hi);
      return;
    }
    if (e.k !== 'binary') return;
    const lower = (isTime(e.left) && (e.op === '>' || e.op === '>=')) ? e.right : (isTime(e.right) && (e.op === '<' || e.op === '<=')) ? e.left : undefined;
    const upper = (isTime(e.left) && (e.op === '<' || e.op === '<=')) ? e.right : (isTime(e.right) && (e.op === '>' || e.op === '>=')) ? e.left : undefined;
    if (lower) { const v = constantMs(lower); if (v !== undefined) fromMs = Math.max(fromMs ?? -Infinity, v); }
    if (upper) { const v = constantMs(upper); if (v !== undefined) toMs = Math.min(toMs ?? Infinity, v); }
  };
  visit(first.predicate);
  return { fromMs, toMs };
}
