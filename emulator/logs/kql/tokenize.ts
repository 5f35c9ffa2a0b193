import { KqlError, type SourcePosition } from './KqlError';

export type TokenKind = 'ident' | 'number' | 'timespan' | 'string' | 'raw' | 'punct' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** ident: the name; punct: the symbol; string: the decoded text; raw: the text between the parentheses. */
  readonly text: string;
  /** number: its value; timespan: milliseconds. */
  readonly value?: number;
  /** number: true when written with a '.' or an exponent (real), false for long. */
  readonly isReal?: boolean;
  readonly pos: SourcePosition;
}

/** Operator names written with a hyphen: joined into one identifier token (the parser refuses the unsupported ones). */
const HYPHENATED = new Set([
  'project-away', 'project-rename', 'project-reorder', 'project-keep', 'mv-expand', 'mv-apply', 'make-series',
  'top-nested', 'top-hitters', 'parse-where', 'parse-kv', 'project-smart',
]);
/** Words that may follow '!' to form a negated operator (`!in`, `!has`, `!contains`, ...). */
const NEGATABLE = /^(in|has|has_cs|contains|contains_cs|startswith|startswith_cs|endswith|endswith_cs|between|hasprefix|hassuffix|has_any|has_all)$/;
/** Literals whose parenthesised content is raw text, not tokens: datetime(2026-01-01T00:00:00Z), dynamic({...}). */
const RAW_LITERALS = new Set(['datetime', 'timespan', 'time', 'dynamic', 'guid']);
const PUNCT = ['..', '==', '!=', '<>', '=~', '!~', '<=', '>=', '<', '>', '=', '+', '-', '*', '/', '%', '(', ')', '[', ']', '{', '}', ',', ';', '|', '.', ':'];

const UNIT_MS: Readonly<Record<string, number>> = {
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  m: 60_000, min: 60_000, minute: 60_000, minutes: 60_000,
  s: 1000, sec: 1000, second: 1000, seconds: 1000,
  ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1,
  microsecond: 0.001, microseconds: 0.001, tick: 0.0001, ticks: 0.0001,
};

export function timespanUnitMs(unit: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(UNIT_MS, unit) ? UNIT_MS[unit] : undefined;
}

const isIdentStart = (c: string): boolean => /[A-Za-z_$]/.test(c);
const isIdentPart = (c: string): boolean => /[A-Za-z0-9_]/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** Splits KQL text into tokens with 1-based line:column positions. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text[k] === '\n') lineStarts.push(k + 1);
  const posAt = (offset: number): SourcePosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    return { offset, line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const fail = (message: string, offset: number): never => {
    throw new KqlError(message, posAt(offset), 'SyntaxError');
  };

  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') { i++; continue; }
    if (c === '/' && text[i + 1] === '/') { while (i < text.length && text[i] !== '\n') i++; continue; }
    const start = i;
    const pos = posAt(start);

    if ((c === '@' && (text[i + 1] === "'" || text[i + 1] === '"')) || c === "'" || c === '"') {
      const verbatim = c === '@';
      if (verbatim) i++;
      const quote = text[i]!;
      i++;
      let out = '';
      for (;;) {
        if (i >= text.length || text[i] === '\n') fail('Unterminated string literal', start);
        const ch = text[i]!;
        if (ch === quote) { i++; break; }
        if (ch === '\\' && !verbatim) {
          const e = text[i + 1];
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
          if (e !== undefined && map[e] !== undefined) { out += map[e]; i += 2; continue; }
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)); i += 6; continue;
          }
          fail(`Unknown escape sequence '\\${e ?? ''}' in string literal`, i);
        }
        out += ch; i++;
      }
      tokens.push({ kind: 'string', text: out, pos });
      continue;
    }
    if (c === '`') fail("Multi-line string literals (```) are not supported", start);

    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      while (isDigit(text[i] ?? '')) i++;
      let isReal = false;
      if (text[i] === '.' && text[i + 1] !== '.' && isDigit(text[i + 1] ?? '')) { isReal = true; i++; while (isDigit(text[i] ?? '')) i++; }
      if ((text[i] === 'e' || text[i] === 'E') && /[0-9+-]/.test(text[i + 1] ?? '')) {
        isReal = true; i += 2; while (isDigit(text[i] ?? '')) i++;
      }
      const num = Number(text.slice(start, i));
      if (isIdentStart(text[i] ?? '')) {
        const us = i;
        while (isIdentPart(text[i] ?? '')) i++;
        const unit = text.slice(us, i);
        const ms = timespanUnitMs(unit);
        if (ms === undefined) fail(`Unknown timespan unit '${unit}' in '${text.slice(start, i)}'`, start);
        tokens.push({ kind: 'timespan', text: text.slice(start, i), value: num * ms!, pos });
      } else {
        tokens.push({ kind: 'number', text: text.slice(start, i), value: num, isReal, pos });
      }
      continue;
    }

    if (c === '!' && isIdentStart(text[i + 1] ?? '')) {
      let j = i + 1;
      while (isIdentPart(text[j] ?? '')) j++;
      let word = text.slice(i + 1, j);
      if (word === 'in' && text[j] === '~') { j++; word = 'in~'; }
      if (NEGATABLE.test(word) || word === 'in~') { tokens.push({ kind: 'ident', text: '!' + word, pos }); i = j; continue; }
    }

    if (isIdentStart(c)) {
      i++;
      while (isIdentPart(text[i] ?? '')) i++;
      let word = text.slice(start, i);
      if (text[i] === '-' && isIdentStart(text[i + 1] ?? '')) {
        let j = i + 1;
        while (isIdentPart(text[j] ?? '')) j++;
        const joined = word + '-' + text.slice(i + 1, j);
        if (HYPHENATED.has(joined)) { word = joined; i = j; }
      }
      if (word === 'in' && text[i] === '~') { word = 'in~'; i++; }
      const prev = tokens[tokens.length - 1];
      const afterDot = prev?.kind === 'punct' && prev.text === '.';
      if (RAW_LITERALS.has(word) && !afterDot) {
        let j = i;
        while (text[j] === ' ' || text[j] === '\t') j++;
        if (text[j] === '(') {
          const end = findClosingParen(text, j, fail);
          tokens.push({ kind: 'raw', text: word, pos });
          tokens.push({ kind: 'string', text: text.slice(j + 1, end).trim(), pos: posAt(j + 1) });
          i = end + 1;
          continue;
        }
      }
      tokens.push({ kind: 'ident', text: word, pos });
      continue;
    }

    const p = PUNCT.find((s) => text.startsWith(s, i));
    if (p === undefined) fail(`Unexpected character '${c}'`, start);
    tokens.push({ kind: 'punct', text: p!, pos });
    i += p!.length;
  }
  tokens.push({ kind: 'eof', text: '', pos: posAt(i) });
  return tokens;
}

function findClosingParen(text: string, open: number, fail: (m: string, o: number) => never): number {
  let depth = 0;
  let quote: string | undefined;
  for (let j = open; j < text.length; j++) {
    const ch = text[j]!;
    if (quote) {
      if (ch === '\\') { j++; continue; }
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return j;
  }
  return fail('Unbalanced parentheses in literal', open);
}
