import { derive, type Compiled, type FunctionCompiler } from './compiled';
import { KqlError, type SourcePosition } from './KqlError';
import type { KqlType, KqlValue } from './kqlTypes';
import { KQL_EPOCH_OFFSET_MS, msToTicks, parseDatetimeText, parseTimespanText, valueToString } from './kqlValues';

function one(name: string, args: readonly Compiled[], pos: SourcePosition): Compiled {
  if (args.length !== 1) throw new KqlError(`Function ${name}() expects 1 argument(s), got ${args.length}`, pos);
  return args[0]!;
}

/** Number from any scalar: strings are parsed (invalid → null); datetime/timespan become ticks; bool → 1/0. */
function toNumber(v: KqlValue, t: KqlType): number | null {
  if (v === null) return null;
  if (typeof v === 'number') {
    if (t === 'datetime') return msToTicks(v + KQL_EPOCH_OFFSET_MS);
    if (t === 'timespan') return msToTicks(v);
    return v;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return null;
    const n = Number(s);
    return Number.isNaN(n) && !/^nan$/i.test(s) ? null : n;
  }
  return null;
}

function integer(name: string): FunctionCompiler {
  return (args, pos) => {
    const a = one(name, args, pos);
    return derive(name === 'toint' ? 'int' : 'long', args, (r) => {
      const n = toNumber(a.fn(r), a.type);
      return n === null || !Number.isFinite(n) ? null : Math.trunc(n);
    });
  };
}

function real(name: string): FunctionCompiler {
  return (args, pos) => {
    const a = one(name, args, pos);
    return derive('real', args, (r) => toNumber(a.fn(r), a.type));
  };
}

function bool(name: string): FunctionCompiler {
  return (args, pos) => {
    const a = one(name, args, pos);
    return derive('bool', args, (r) => {
      const v = a.fn(r);
      if (v === null) return null;
      if (typeof v === 'boolean') return v;
      if (typeof v === 'number') return v !== 0;
      if (typeof v === 'string') {
        const s = v.trim().toLowerCase();
        return s === 'true' ? true : s === 'false' ? false : /^-?\d+$/.test(s) ? Number(s) !== 0 : null;
      }
      return null;
    });
  };
}

/** tostring, toint, tolong, todouble/toreal, tobool, todatetime, totimespan. */
export const CONVERSION_FUNCTIONS: Readonly<Record<string, FunctionCompiler>> = {
  tostring: (args, pos) => {
    const a = one('tostring', args, pos);
    return derive('string', args, (r) => valueToString(a.fn(r), a.type));
  },
  toint: integer('toint'),
  tolong: integer('tolong'),
  todouble: real('todouble'),
  toreal: real('toreal'),
  tobool: bool('tobool'),
  toboolean: bool('toboolean'),
  todatetime: (args, pos) => {
    const a = one('todatetime', args, pos);
    if (a.type === 'datetime') return a;
    return derive('datetime', args, (r) => {
      const v = a.fn(r);
      return typeof v === 'string' ? (parseDatetimeText(v) ?? null) : null;
    });
  },
  totimespan: (args, pos) => {
    const a = one('totimespan', args, pos);
    if (a.type === 'timespan') return a;
    return derive('timespan', args, (r) => {
      const v = a.fn(r);
      return typeof v === 'string' ? (parseTimespanText(v) ?? null) : null;
    });
  },
};

