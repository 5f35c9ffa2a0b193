import type { Expr } from './ast';
import { defaultName } from './defaultName';
import { compileExpression } from './compileExpression';
import type { Compiled, Scope } from './compiled';
import { compareNonNull } from './compareValues';
import { KqlError, unsupported } from './KqlError';
import { isNumericType, type Column, type KqlType, type KqlValue, type Row } from './kqlTypes';
import { toDynamic } from './kqlValues';

/** One aggregation in a summarize: its output columns and per-group state. */
export interface Aggregate {
  readonly outputs: readonly Column[];
  init(): AggState;
}
export interface AggState {
  add(row: Row): void;
  result(): KqlValue[];
}

function firstColumnName(e: Expr): string {
  switch (e.k) {
    case 'name': return e.name;
    case 'binary': return firstColumnName(e.left) || firstColumnName(e.right);
    case 'call': for (const a of e.args) { const n = firstColumnName(a); if (n) return n; } return '';
    case 'member': return firstColumnName(e.target);
    case 'negate': return firstColumnName(e.operand);
    case 'between': case 'in': return firstColumnName(e.left);
    case 'literal': case 'star': return '';
  }
}

function arity(call: Extract<Expr, { k: 'call' }>, min: number, max: number): void {
  if (call.args.length < min || call.args.length > max) {
    throw new KqlError(`Aggregation ${call.name}() expects ${min === max ? min : `${min} to ${max}`} argument(s), got ${call.args.length}`, call.pos);
  }
}

const simple = (outputs: Column[], init: () => AggState): Aggregate => ({ outputs, init });

/** Compiles `[Name =] agg(args)` for summarize; byNames are the group-by output names (excluded from arg_max(*, ...)). */
export function compileAggregate(expr: Expr, name: string | undefined, scope: Scope, byNames: ReadonlySet<string>): Aggregate {
  if (expr.k !== 'call') throw new KqlError('summarize expects aggregation functions (count(), sum(x), ...); wrap scalar logic inside them', exprPos(expr));
  const call = expr;
  const arg = (i: number): Compiled => compileExpression(call.args[i]!, scope);
  const col = (prefix: string): string => name ?? `${prefix}_${call.args[0] ? firstColumnName(call.args[0]) : ''}`;
  const pred = (i: number): Compiled => {
    const p = arg(i);
    if (p.type !== 'bool' && p.type !== 'dynamic') throw new KqlError(`${call.name}(): the predicate must be bool, got ${p.type}`, call.pos);
    return p;
  };
  switch (call.name) {
    case 'count': {
      arity(call, 0, 1);
      const a = call.args[0] ? arg(0) : undefined;
      return simple([{ name: name ?? 'count_', type: 'long' }], () => {
        let n = 0;
        return { add: (r) => { if (!a || a.fn(r) !== null) n++; }, result: () => [n] };
      });
    }
    case 'countif': {
      arity(call, 1, 1);
      const p = pred(0);
      return simple([{ name: name ?? 'countif_', type: 'long' }], () => {
        let n = 0;
        return { add: (r) => { if (p.fn(r) === true) n++; }, result: () => [n] };
      });
    }
    case 'dcount': case 'dcountif': {
      arity(call, call.name === 'dcount' ? 1 : 2, call.name === 'dcount' ? 2 : 3);
      const a = arg(0);
      const p = call.name === 'dcountif' ? pred(1) : undefined;
      return simple([{ name: col(call.name), type: 'long' }], () => {
        const seen = new Set<unknown>();
        return {
          add: (r) => { if (p && p.fn(r) !== true) return; const v = a.fn(r); if (v !== null) seen.add(typeof v === 'object' ? JSON.stringify(v) : v); },
          result: () => [seen.size],
        };
      });
    }
    case 'sum': case 'sumif': case 'avg': case 'avgif': {
      const conditional = call.name.endsWith('if');
      arity(call, conditional ? 2 : 1, conditional ? 2 : 1);
      const a = arg(0);
      const p = conditional ? pred(1) : undefined;
      if (!isNumericType(a.type) && a.type !== 'timespan' && a.type !== 'dynamic') throw new KqlError(`${call.name}() needs a numeric or timespan argument, got ${a.type}`, call.pos);
      const isAvg = call.name.startsWith('avg');
      const type: KqlType = a.type === 'timespan' ? 'timespan' : isAvg || a.type === 'real' || a.type === 'dynamic' ? 'real' : 'long';
      return simple([{ name: col(call.name), type }], () => {
        let total = 0;
        let n = 0;
        return {
          add: (r) => {
            if (p && p.fn(r) !== true) return;
            const v = a.fn(r);
            if (typeof v === 'number') { total += v; n++; }
          },
          result: () => [n === 0 ? null : isAvg ? total / n : total],
        };
      });
    }
    case 'min': case 'max': {
      arity(call, 1, 1);
      const a = arg(0);
      const sign = call.name === 'max' ? 1 : -1;
      return simple([{ name: col(call.name), type: a.type }], () => {
        let best: KqlValue = null;
        return {
          add: (r) => { const v = a.fn(r); if (v !== null && (best === null || sign * compareNonNull(v, best) > 0)) best = v; },
          result: () => [best],
        };
      });
    }
    case 'make_set': case 'make_list': {
      arity(call, 1, 2);
      const a = arg(0);
      const limit = call.args[1] ? Number(arg(1).fn([])) : 1_048_576;
      const isSet = call.name === 'make_set';
      return simple([{ name: name ?? `${isSet ? 'set' : 'list'}_${firstColumnName(call.args[0]!)}`, type: 'dynamic' }], () => {
        const items: KqlValue[] = [];
        const seen = new Set<string>();
        return {
          add: (r) => {
            const v = a.fn(r);
            if (v === null || items.length >= limit) return;
            const d = toDynamic(v, a.type);
            if (isSet) { const k = JSON.stringify(d); if (seen.has(k)) return; seen.add(k); }
            items.push(d);
          },
          result: () => [items],
        };
      });
    }
    case 'any': case 'take_any': {
      arity(call, 1, 1);
      if (call.args[0]!.k === 'star') throw unsupported(`${call.name}(*)`, call.pos);
      const a = arg(0);
      return simple([{ name: col('any'), type: a.type }], () => {
        let v: KqlValue = null;
        let found = false;
        return { add: (r) => { if (!found) { v = a.fn(r); found = true; } }, result: () => [v] };
      });
    }
    case 'arg_max': case 'arg_min':
      // `Name = arg_max(X, ...)` names the X column; the returned columns keep their own names.
      return compileArgExtreme(call, scope, byNames, name);
    default:
      throw unsupported(`aggregation function ${call.name}()`, call.pos);
  }
}

function compileArgExtreme(call: Extract<Expr, { k: 'call' }>, scope: Scope, byNames: ReadonlySet<string>, name: string | undefined): Aggregate {
  if (call.args.length < 1) throw new KqlError(`${call.name}() expects at least 1 argument`, call.pos);
  const target = compileExpression(call.args[0]!, scope);
  const targetName = name ?? (call.args[0]!.k === 'name' ? call.args[0]!.name : `${call.name === 'arg_max' ? 'max' : 'min'}_${firstColumnName(call.args[0]!)}`);
  const outputs: Column[] = [{ name: targetName, type: target.type }];
  const getters: Compiled[] = [];
  const counter = { n: 0 };
  for (const e of call.args.slice(1)) {
    if (e.k === 'star') {
      scope.columns.forEach((c, i) => {
        if (byNames.has(c.name) || c.name === targetName || outputs.some((o) => o.name === c.name)) return;
        outputs.push(c);
        getters.push({ type: c.type, fn: (r) => r[i]!, constant: false });
      });
    } else {
      const g = compileExpression(e, scope);
      let name = defaultName(e, new Set(outputs.map((o) => o.name)), counter);
      for (let i = 1; outputs.some((o) => o.name === name); i++) name = `${defaultName(e, new Set(), { n: 0 })}${i}`;
      outputs.push({ name, type: g.type });
      getters.push(g);
    }
  }
  const sign = call.name === 'arg_max' ? 1 : -1;
  return {
    outputs,
    init: () => {
      let best: KqlValue = null;
      let bestRow: Row | undefined;
      return {
        add: (r) => {
          const v = target.fn(r);
          if (v !== null && (best === null || sign * compareNonNull(v, best) > 0)) { best = v; bestRow = r; }
        },
        result: () => [best, ...getters.map((g) => (bestRow ? g.fn(bestRow) : null))],
      };
    },
  };
}

function exprPos(e: Expr): Expr['pos'] {
  return e.pos;
}
