import type { Expr } from './ast';
import { compileBinary } from './binaryOperators';
import { constant, derive, type Compiled, type Scope } from './compiled';
import { comparable, dynamicAs, equalNonNull } from './compareValues';
import { KqlError, unsupported } from './KqlError';
import type { KqlValue } from './kqlTypes';
import { isNumericType } from './kqlTypes';
import { AGGREGATE_NAMES } from './aggregateNames';
import { SCALAR_FUNCTIONS } from './scalarFunctions';

/** Compiles a scalar expression against a scope (columns, lets, now). Unknown names and types fail here, before any row is read. */
export function compileExpression(expr: Expr, scope: Scope): Compiled {
  switch (expr.k) {
    case 'literal':
      return constant(expr.type, expr.value);
    case 'name': {
      const index = scope.columnIndex.get(expr.name);
      if (index !== undefined) {
        const type = scope.columns[index]!.type;
        return { type, fn: (r) => r[index]!, constant: false };
      }
      const bound = scope.lets.get(expr.name);
      if (bound) return constant(bound.type, bound.value);
      if (scope.isTabularName(expr.name)) throw new KqlError(`'${expr.name}' is a tabular expression; a scalar was expected here`, expr.pos);
      throw new KqlError(`The name '${expr.name}' does not refer to any known column, table, variable or function`, expr.pos);
    }
    case 'binary':
      return compileBinary(expr.op, compileExpression(expr.left, scope), compileExpression(expr.right, scope), expr.pos);
    case 'negate': {
      const operand = compileExpression(expr.operand, scope);
      if (!isNumericType(operand.type) && operand.type !== 'timespan') throw new KqlError(`Unary '-' is not defined for ${operand.type}`, expr.pos);
      const f = operand.fn;
      return derive(operand.type, [operand], (r) => { const v = f(r); return v === null ? null : -(v as number); });
    }
    case 'between':
      return compileBetween(expr, scope);
    case 'in':
      return compileIn(expr, scope);
    case 'member':
      return compileMember(expr, scope);
    case 'call': {
      if (AGGREGATE_NAMES.has(expr.name)) throw new KqlError(`Aggregation function '${expr.name}()' can only be used in summarize`, expr.pos);
      const fn = SCALAR_FUNCTIONS[expr.name];
      if (!fn) throw unsupported(`function ${expr.name}()`, expr.pos);
      return fn(expr.args.map((a) => compileExpression(a, scope)), expr.pos, scope);
    }
    case 'star':
      throw new KqlError("'*' is only allowed in arg_max()/arg_min()", expr.pos);
  }
}

function compileBetween(expr: Extract<Expr, { k: 'between' }>, scope: Scope): Compiled {
  const left = compileExpression(expr.left, scope);
  const low = compileExpression(expr.low, scope);
  const high = compileExpression(expr.high, scope);
  for (const bound of [low, high]) {
    if (!comparable(left.type, bound.type) || left.type === 'string' || left.type === 'bool' || left.type === 'dynamic') {
      throw new KqlError(`'between' needs numeric, datetime or timespan operands of one kind, got ${left.type} and ${bound.type}`, expr.pos);
    }
  }
  const [a, lo, hi] = [left.fn, low.fn, high.fn];
  const negated = expr.negated;
  return derive('bool', [left, low, high], (r) => {
    const v = a(r); const l = lo(r); const h = hi(r);
    if (v === null || l === null || h === null) return null;
    return ((v as number) >= (l as number) && (v as number) <= (h as number)) !== negated;
  });
}

function compileIn(expr: Extract<Expr, { k: 'in' }>, scope: Scope): Compiled {
  const left = compileExpression(expr.left, scope);
  const fold = expr.op.endsWith('~');
  const negated = expr.op.startsWith('!');
  if (fold && left.type !== 'string' && left.type !== 'dynamic') throw new KqlError(`'${expr.op}' needs a string operand, got ${left.type}`, expr.pos);
  let items: Compiled[];
  const single = expr.list.length === 1 ? expr.list[0] : undefined;
  const tabular = expr.tabular ?? (single?.k === 'name' && scope.isTabularName(single.name) && !scope.columnIndex.has(single.name)
    ? { source: { k: 'table' as const, name: single.name, pos: single.pos }, operators: [] }
    : undefined);
  if (tabular) {
    const table = scope.evaluatePipeline(tabular);
    if (table.columns.length !== 1) throw new KqlError(`The tabular expression in '${expr.op}' must have exactly one column, it has ${table.columns.length}`, expr.pos);
    const type = table.columns[0]!.type;
    items = table.rows.map((row) => constant(type, row[0]!));
    if (!comparable(left.type, type)) throw new KqlError(`Cannot compare ${left.type} with ${type} in '${expr.op}'`, expr.pos);
  } else {
    items = expr.list.map((e) => compileExpression(e, scope));
    for (const item of items) {
      if (!comparable(left.type, item.type)) throw new KqlError(`Cannot compare ${left.type} with ${item.type} in '${expr.op}'`, expr.pos);
    }
  }
  const norm = (v: KqlValue): KqlValue => (fold && typeof v === 'string' ? v.toLowerCase() : v);
  const a = left.fn;
  const flatten = (values: KqlValue[], item: Compiled, v: KqlValue): void => {
    if (item.type === 'dynamic' && Array.isArray(v)) for (const x of v) values.push(norm(left.type === 'dynamic' ? x : dynamicAs(x, left.type)));
    else values.push(norm(item.type === 'dynamic' && left.type !== 'dynamic' ? dynamicAs(v, left.type) : v));
  };
  if (items.every((i) => i.constant)) {
    const values: KqlValue[] = [];
    for (const item of items) flatten(values, item, item.fn([]));
    const primitive = values.filter((v) => v !== null && typeof v !== 'object');
    const set = new Set(primitive);
    const objects = values.filter((v) => v !== null && typeof v === 'object');
    return derive('bool', [left, ...items], (r) => {
      const v = a(r);
      if (v === null) return negated;
      const x = norm(v);
      const found = typeof x === 'object' ? objects.some((o) => equalNonNull(o, x)) : set.has(x);
      return found !== negated;
    });
  }
  return derive('bool', [left, ...items], (r) => {
    const v = a(r);
    if (v === null) return negated;
    const values: KqlValue[] = [];
    for (const item of items) flatten(values, item, item.fn(r));
    const x = norm(v);
    return values.some((y) => y !== null && equalNonNull(x, y)) !== negated;
  });
}

function compileMember(expr: Extract<Expr, { k: 'member' }>, scope: Scope): Compiled {
  const target = compileExpression(expr.target, scope);
  if (target.type !== 'dynamic') {
    throw new KqlError(`Member access needs a dynamic value, got ${target.type} (use parse_json() or todynamic())`, expr.pos);
  }
  const t = target.fn;
  if (typeof expr.key === 'string') {
    const key = expr.key;
    return derive('dynamic', [target], (r) => {
      const v = t(r);
      return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, key) ? v[key]! : null;
    });
  }
  const key = compileExpression(expr.key, scope);
  if (!isNumericType(key.type) && key.type !== 'string') throw new KqlError(`An index must be a number or a string, got ${key.type}`, expr.pos);
  const k = key.fn;
  return derive('dynamic', [target, key], (r) => {
    const v = t(r);
    const i = k(r);
    if (v === null || i === null || typeof v !== 'object') return null;
    if (Array.isArray(v)) {
      if (typeof i !== 'number') return null;
      const idx = i < 0 ? v.length + i : i;
      return v[idx] ?? null;
    }
    return typeof i === 'string' && Object.prototype.hasOwnProperty.call(v, i) ? v[i]! : null;
  });
}
