import type { Compiled } from './compiled';
import { derive } from './compiled';
import { comparable, compareNonNull, dynamicAs, equalNonNull } from './compareValues';
import { KqlError, type SourcePosition } from './KqlError';
import { isNumericType, type KqlType, type KqlValue, type Row } from './kqlTypes';
import { compileStringOperator, STRING_OPERATORS } from './stringOperators';

type Fn = (row: Row) => KqlValue;

/** Compiles `left op right` with KQL's type and null rules. */
export function compileBinary(op: string, left: Compiled, right: Compiled, pos: SourcePosition): Compiled {
  if (op === 'and' || op === 'or') return compileLogical(op, left, right, pos);
  if (op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') return compileComparison(op, left, right, pos);
  if (STRING_OPERATORS.has(op)) return compileStringOperator(op, left, right, pos);
  return compileArithmetic(op, left, right, pos);
}

function compileLogical(op: 'and' | 'or', left: Compiled, right: Compiled, pos: SourcePosition): Compiled {
  for (const side of [left, right]) {
    if (side.type !== 'bool' && side.type !== 'dynamic') throw new KqlError(`Operator '${op}' needs bool operands, got ${side.type}`, pos);
  }
  const a = left.fn;
  const b = right.fn;
  // KQL treats a null operand of and/or as false (documented: bool(null) and true → false, bool(null) or true → true).
  return op === 'and'
    ? derive('bool', [left, right], (r) => a(r) === true && b(r) === true)
    : derive('bool', [left, right], (r) => a(r) === true || b(r) === true);
}

function compileComparison(op: string, left: Compiled, right: Compiled, pos: SourcePosition): Compiled {
  if (!comparable(left.type, right.type)) {
    throw new KqlError(`Cannot compare a value of type ${left.type} with a value of type ${right.type} using '${op}'`, pos);
  }
  let a: Fn = left.fn;
  let b: Fn = right.fn;
  if (left.type === 'dynamic' && right.type !== 'dynamic') { const f = a; a = (r) => dynamicAs(f(r), right.type); }
  if (right.type === 'dynamic' && left.type !== 'dynamic') { const f = b; b = (r) => dynamicAs(f(r), left.type); }
  const both = [left, right];
  if (right.constant && right.type !== 'dynamic' && left.type !== 'dynamic') {
    const v = right.fn([]);
    if (v !== null) {
      switch (op) {
        case '==': return derive('bool', both, (r) => { const x = a(r); return x === null ? false : x === v; });
        case '!=': return derive('bool', both, (r) => { const x = a(r); return x === null ? true : x !== v; });
        case '<': return derive('bool', both, (r) => { const x = a(r); return x === null ? null : (x as number) < (v as number); });
        case '<=': return derive('bool', both, (r) => { const x = a(r); return x === null ? null : (x as number) <= (v as number); });
        case '>': return derive('bool', both, (r) => { const x = a(r); return x === null ? null : (x as number) > (v as number); });
        case '>=': return derive('bool', both, (r) => { const x = a(r); return x === null ? null : (x as number) >= (v as number); });
      }
    }
  }
  switch (op) {
    case '==': return derive('bool', both, (r) => {
      const x = a(r); const y = b(r);
      if (x === null || y === null) return x === null && y === null ? null : false;
      return equalNonNull(x, y);
    });
    case '!=': return derive('bool', both, (r) => {
      const x = a(r); const y = b(r);
      if (x === null || y === null) return x === null && y === null ? null : true;
      return !equalNonNull(x, y);
    });
    default: {
      const test = op === '<' ? (c: number) => c < 0 : op === '<=' ? (c: number) => c <= 0 : op === '>' ? (c: number) => c > 0 : (c: number) => c >= 0;
      return derive('bool', both, (r) => {
        const x = a(r); const y = b(r);
        return x === null || y === null ? null : test(compareNonNull(x, y));
      });
    }
  }
}

function numericResult(a: KqlType, b: KqlType): KqlType {
  if (a === 'real' || b === 'real' || a === 'dynamic' || b === 'dynamic') return 'real';
  if (a === 'long' || b === 'long') return 'long';
  return 'int';
}

/** The result type of `a op b` for + - * / %, or undefined when KQL does not define it. */
function arithmeticType(op: string, a: KqlType, b: KqlType): KqlType | undefined {
  const num = (t: KqlType): boolean => isNumericType(t) || t === 'dynamic';
  if (num(a) && num(b)) return numericResult(a, b);
  if (op === '-' && a === 'datetime' && b === 'datetime') return 'timespan';
  if ((op === '+' || op === '-') && a === 'datetime' && b === 'timespan') return 'datetime';
  if (op === '+' && a === 'timespan' && b === 'datetime') return 'datetime';
  if ((op === '+' || op === '-') && a === 'timespan' && b === 'timespan') return 'timespan';
  if (op === '*' && ((a === 'timespan' && num(b)) || (num(a) && b === 'timespan'))) return 'timespan';
  if (op === '/' && a === 'timespan' && num(b)) return 'timespan';
  if (op === '/' && a === 'timespan' && b === 'timespan') return 'real';
  if (op === '%' && a === 'timespan' && b === 'timespan') return 'timespan';
  return undefined;
}

function compileArithmetic(op: string, left: Compiled, right: Compiled, pos: SourcePosition): Compiled {
  const type = arithmeticType(op, left.type, right.type);
  if (!type) throw new KqlError(`Operator '${op}' is not defined for ${left.type} and ${right.type}`, pos);
  const toNum = (c: Compiled): Fn => (c.type === 'dynamic' ? (r) => dynamicAs(c.fn(r), 'real') : c.fn);
  const a = toNum(left);
  const b = toNum(right);
  const integer = type === 'long' || type === 'int' || (type === 'timespan' && op === '%');
  const both = [left, right];
  switch (op) {
    case '+': return derive(type, both, (r) => { const x = a(r); const y = b(r); return x === null || y === null ? null : (x as number) + (y as number); });
    case '-': return derive(type, both, (r) => { const x = a(r); const y = b(r); return x === null || y === null ? null : (x as number) - (y as number); });
    case '*': return derive(type, both, (r) => { const x = a(r); const y = b(r); return x === null || y === null ? null : (x as number) * (y as number); });
    case '/':
      return derive(type, both, (r) => {
        const x = a(r) as number | null; const y = b(r) as number | null;
        if (x === null || y === null) return null;
        if (integer || (type === 'timespan' && isNumericType(right.type) && right.type !== 'real')) {
          if (y === 0) return null; // integer division by zero: null (documented deviation: Kusto raises an error)
          return type === 'timespan' ? x / y : Math.trunc(x / y);
        }
        return x / y;
      });
    case '%':
      return derive(type, both, (r) => {
        const x = a(r) as number | null; const y = b(r) as number | null;
        if (x === null || y === null || (integer && y === 0)) return null;
        return x % y;
      });
    default:
      throw new KqlError(`Unknown operator '${op}'`, pos);
  }
}
