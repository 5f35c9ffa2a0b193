import { constant, derive, type Compiled, type FunctionCompiler } from './compiled';
import { KqlError, type SourcePosition } from './KqlError';
import { isNumericType, type KqlType, type KqlValue } from './kqlTypes';
import { KQL_EPOCH_OFFSET_MS, parseJsonText, toDynamic, valueToString } from './kqlValues';
import { CONVERSION_FUNCTIONS } from './conversionFunctions';

export function arity(name: string, args: readonly Compiled[], min: number, max: number, pos: SourcePosition): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw new KqlError(`Function ${name}() expects ${expected} argument(s), got ${args.length}`, pos);
  }
}

export function requireType(name: string, arg: Compiled, allowed: readonly KqlType[], pos: SourcePosition, which = 'argument'): void {
  if (!allowed.includes(arg.type)) throw new KqlError(`Function ${name}(): ${which} must be ${allowed.join(' or ')}, got ${arg.type}`, pos);
}

/** The common type of iff/case/coalesce branches: equal types, or numeric widening; otherwise an error. */
function unify(name: string, types: readonly KqlType[], pos: SourcePosition): KqlType {
  const first = types[0]!;
  if (types.every((t) => t === first)) return first;
  if (types.every(isNumericType)) return types.includes('real') ? 'real' : types.includes('long') ? 'long' : 'int';
  if (types.every((t) => t === 'string' || t === 'guid')) return 'string';
  throw new KqlError(`Function ${name}(): all result arguments must have the same type, got ${types.join(', ')}`, pos);
}

const isEmpty = (v: KqlValue): boolean => v === null || v === '';
const truthy = (v: KqlValue): boolean => v === true;

function iff(name: string): FunctionCompiler {
  return (args, pos) => {
    arity(name, args, 3, 3, pos);
    const [c, a, b] = args as [Compiled, Compiled, Compiled];
    requireType(name, c, ['bool', 'dynamic'], pos, 'the condition');
    const type = unify(name, [a.type, b.type], pos);
    return derive(type, args, (r) => (truthy(c.fn(r)) ? a.fn(r) : b.fn(r)));
  };
}

function floorBin(name: string): FunctionCompiler {
  return (args, pos) => {
    arity(name, args, 2, 2, pos);
    const [v, size] = args as [Compiled, Compiled];
    const type = v.type;
    if (type === 'datetime' || type === 'timespan') requireType(name, size, ['timespan'], pos, 'the bin size');
    else if (isNumericType(type)) requireType(name, size, ['long', 'int', 'real'], pos, 'the bin size');
    else throw new KqlError(`Function ${name}(): the value must be numeric, datetime or timespan, got ${type}`, pos);
    const offset = type === 'datetime' ? KQL_EPOCH_OFFSET_MS : 0;
    return derive(type, args, (r) => {
      const x = v.fn(r) as number | null;
      const s = size.fn(r) as number | null;
      if (x === null || s === null || s <= 0) return null;
      return Math.floor((x + offset) / s) * s - offset;
    });
  };
}

function stringFn(name: string, f: (s: string) => string): FunctionCompiler {
  return (args, pos) => {
    arity(name, args, 1, 1, pos);
    const a = args[0]!;
    return derive('string', args, (r) => f(valueToString(a.fn(r), a.type)));
  };
}

function predicate(name: string, test: (v: KqlValue, t: KqlType) => boolean): FunctionCompiler {
  return (args, pos) => {
    arity(name, args, 1, 1, pos);
    const a = args[0]!;
    return derive('bool', args, (r) => test(a.fn(r), a.type));
  };
}

export const SCALAR_FUNCTIONS: Readonly<Record<string, FunctionCompiler>> = {
  ...CONVERSION_FUNCTIONS,
  now: (args, pos, scope) => {
    arity('now', args, 0, 1, pos);
    if (args[0]) requireType('now', args[0], ['timespan'], pos);
    const offset = args[0] ? (args[0].fn([]) as number | null) : 0;
    return constant('datetime', offset === null ? null : scope.nowMs + offset);
  },
  ago: (args, pos, scope) => {
    arity('ago', args, 1, 1, pos);
    requireType('ago', args[0]!, ['timespan'], pos);
    const a = args[0]!;
    return derive('datetime', args, (r) => { const t = a.fn(r) as number | null; return t === null ? null : scope.nowMs - t; });
  },
  iff: iff('iff'),
  iif: iff('iif'),
  case: (args, pos) => {
    if (args.length < 3 || args.length % 2 === 0) throw new KqlError('Function case() expects predicate/value pairs and an else value (an odd number of arguments, at least 3)', pos);
    const preds = args.filter((_, i) => i % 2 === 0 && i < args.length - 1);
    preds.forEach((p) => requireType('case', p, ['bool', 'dynamic'], pos, 'each predicate'));
    const values = args.filter((_, i) => i % 2 === 1 || i === args.length - 1);
    const type = unify('case', values.map((v) => v.type), pos);
    return derive(type, args, (r) => {
      for (let i = 0; i + 1 < args.length; i += 2) if (truthy(args[i]!.fn(r))) return args[i + 1]!.fn(r);
      return args[args.length - 1]!.fn(r);
    });
  },
  not: (args, pos) => {
    arity('not', args, 1, 1, pos);
    requireType('not', args[0]!, ['bool', 'dynamic'], pos);
    const a = args[0]!;
    return derive('bool', args, (r) => { const v = a.fn(r); return v === null ? null : v !== true; });
  },
  isempty: predicate('isempty', (v) => isEmpty(v)),
  isnotempty: predicate('isnotempty', (v) => !isEmpty(v)),
  isnull: predicate('isnull', (v, t) => v === null && t !== 'string'),
  isnotnull: predicate('isnotnull', (v, t) => v !== null || t === 'string'),
  strcat: (args, pos) => {
    arity('strcat', args, 1, 64, pos);
    return derive('string', args, (r) => { let s = ''; for (const a of args) s += valueToString(a.fn(r), a.type); return s; });
  },
  coalesce: (args, pos) => {
    arity('coalesce', args, 2, 64, pos);
    const type = unify('coalesce', args.map((a) => a.type), pos);
    return derive(type, args, (r) => {
      for (const a of args) { const v = a.fn(r); if (!isEmpty(v)) return v; }
      return type === 'string' ? '' : null;
    });
  },
  tolower: stringFn('tolower', (s) => s.toLowerCase()),
  toupper: stringFn('toupper', (s) => s.toUpperCase()),
  strlen: (args, pos) => {
    arity('strlen', args, 1, 1, pos);
    requireType('strlen', args[0]!, ['string'], pos);
    const a = args[0]!;
    return derive('long', args, (r) => [...(a.fn(r) as string)].length);
  },
  split: (args, pos) => {
    arity('split', args, 2, 3, pos);
    requireType('split', args[0]!, ['string', 'dynamic'], pos);
    requireType('split', args[1]!, ['string'], pos, 'the delimiter');
    if (args[2]) requireType('split', args[2], ['long', 'int'], pos, 'the index');
    const [s, d, i] = args as [Compiled, Compiled, Compiled | undefined];
    return derive('dynamic', args, (r) => {
      const parts = valueToString(s.fn(r), s.type).split(d.fn(r) as string);
      if (!i) return parts;
      const idx = i.fn(r) as number | null;
      return idx === null || idx < 0 || idx >= parts.length ? [] : [parts[idx]!];
    });
  },
  parse_json: parseJson('parse_json'),
  todynamic: parseJson('todynamic'),
  array_length: (args, pos) => {
    arity('array_length', args, 1, 1, pos);
    requireType('array_length', args[0]!, ['dynamic'], pos);
    const a = args[0]!;
    return derive('long', args, (r) => { const v = a.fn(r); return Array.isArray(v) ? v.length : null; });
  },
  bin: floorBin('bin'),
  floor: floorBin('floor'),
  round: (args, pos) => {
    arity('round', args, 1, 2, pos);
    requireType('round', args[0]!, ['long', 'int', 'real'], pos);
    if (args[1]) requireType('round', args[1], ['long', 'int'], pos, 'the precision');
    const [a, p] = args as [Compiled, Compiled | undefined];
    return derive(a.type, args, (r) => {
      const x = a.fn(r) as number | null;
      const digits = p ? (p.fn(r) as number | null) : 0;
      if (x === null || digits === null) return null;
      const f = 10 ** digits;
      return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
    });
  },
  abs: (args, pos) => {
    arity('abs', args, 1, 1, pos);
    requireType('abs', args[0]!, ['long', 'int', 'real', 'timespan'], pos);
    const a = args[0]!;
    return derive(a.type, args, (r) => { const x = a.fn(r) as number | null; return x === null ? null : Math.abs(x); });
  },
};

function parseJson(name: string): FunctionCompiler {
  return (args, pos) => {
    arity(name, args, 1, 1, pos);
    const a = args[0]!;
    if (a.type === 'dynamic') return a;
    if (a.type === 'string') return derive('dynamic', args, (r) => parseJsonText(a.fn(r) as string));
    return derive('dynamic', args, (r) => toDynamic(a.fn(r), a.type));
  };
}
