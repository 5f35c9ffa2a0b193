import type { Expr } from './ast';
import { KqlError } from './KqlError';
import type { DynamicValue } from './kqlTypes';
import { parseDatetimeText, parseTimespanText } from './kqlValues';

/** Literals written as `kind(raw text)`: datetime(...), timespan(...)/time(...), guid(...), dynamic(...). */
export function parseRawLiteral(kind: string, raw: string, pos: Expr['pos']): Expr {
  const unquoted = /^(['"])(.*)\1$/s.exec(raw)?.[2] ?? raw;
  if (raw === 'null') {
    const type = kind === 'time' ? 'timespan' : (kind as 'datetime' | 'timespan' | 'dynamic' | 'guid');
    return { k: 'literal', type, value: null, pos };
  }
  switch (kind) {
    case 'datetime': {
      const ms = parseDatetimeText(unquoted);
      if (ms === undefined) throw new KqlError(`Invalid datetime literal '${raw}'`, pos, 'SyntaxError');
      return { k: 'literal', type: 'datetime', value: ms, pos };
    }
    case 'timespan': case 'time': {
      const ms = parseTimespanText(unquoted);
      if (ms === undefined) throw new KqlError(`Invalid timespan literal '${raw}'`, pos, 'SyntaxError');
      return { k: 'literal', type: 'timespan', value: ms, pos };
    }
    case 'guid':
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(unquoted)) {
        throw new KqlError(`Invalid guid literal '${raw}'`, pos, 'SyntaxError');
      }
      return { k: 'literal', type: 'guid', value: unquoted.toLowerCase(), pos };
    default:
      return { k: 'literal', type: 'dynamic', value: parseDynamicLiteral(raw, pos), pos };
  }
}

function parseDynamicLiteral(raw: string, pos: Expr['pos']): DynamicValue {
  const json = singleToDoubleQuotes(raw);
  try {
    return JSON.parse(json) as DynamicValue;
  } catch {
    throw new KqlError(`Invalid dynamic literal '${raw}' (only JSON-like arrays, objects and scalars are supported)`, pos, 'SyntaxError');
  }
}

/** KQL allows single-quoted strings inside dynamic literals; rewrite them as JSON strings, leaving "..." untouched. */
function singleToDoubleQuotes(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < raw.length && raw[j] !== '"') j += raw[j] === '\\' ? 2 : 1;
      out += raw.slice(i, j + 1);
      i = j;
    } else if (ch === "'") {
      let j = i + 1;
      let text = '';
      while (j < raw.length && raw[j] !== "'") {
        if (raw[j] === '\\' && j + 1 < raw.length) { text += raw[j + 1] === "'" ? "'" : raw.slice(j, j + 2); j += 2; } else { text += raw[j]; j++; }
      }
      out += JSON.stringify(text).replace(/\\\\/g, '\\');
      i = j;
    } else {
      out += ch;
    }
  }
  return out;
}
