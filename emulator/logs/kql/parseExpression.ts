import type { Expr, Pipeline } from './ast';
import { KqlError, unsupported } from './KqlError';
import { TYPE_ALIASES } from './kqlTypes';
import { parseRawLiteral } from './parseLiteral';
import type { TokenCursor } from './TokenCursor';

const COMPARISON = new Set(['==', '!=', '<>', '<', '<=', '>', '>=', '=~', '!~']);
const STRING_OPS = new Set([
  'has', '!has', 'has_cs', '!has_cs', 'contains', '!contains', 'contains_cs', '!contains_cs',
  'startswith', '!startswith', 'startswith_cs', '!startswith_cs', 'endswith', '!endswith', 'endswith_cs', '!endswith_cs',
]);
const UNSUPPORTED_OPS = new Set(['has_any', '!has_any', 'has_all', '!has_all', 'hasprefix', '!hasprefix', 'hassuffix', '!hassuffix', 'like', 'notlike']);
const IN_OPS = new Set(['in', 'in~', '!in', '!in~']);

/** Parses a pipeline inside `in (...)`; supplied by the query parser to avoid a module cycle. */
export type PipelineParser = (cursor: TokenCursor) => Pipeline;

/** Recursive-descent parser for scalar expressions (precedence: or < and < comparison < + - < * / % < unary < postfix). */
export function parseExpression(c: TokenCursor, parsePipeline?: PipelineParser): Expr {
  return parseOr(c, parsePipeline);
}

function parseOr(c: TokenCursor, pp?: PipelineParser): Expr {
  let left = parseAnd(c, pp);
  while (c.isIdent('or')) {
    const pos = c.next().pos;
    left = { k: 'binary', op: 'or', left, right: parseAnd(c, pp), pos };
  }
  return left;
}

function parseAnd(c: TokenCursor, pp?: PipelineParser): Expr {
  let left = parseComparison(c, pp);
  while (c.isIdent('and')) {
    const pos = c.next().pos;
    left = { k: 'binary', op: 'and', left, right: parseComparison(c, pp), pos };
  }
  return left;
}

function parseComparison(c: TokenCursor, pp?: PipelineParser): Expr {
  let left = parseAdditive(c, pp);
  for (;;) {
    const t = c.peek();
    if (t.kind === 'punct' && COMPARISON.has(t.text)) {
      c.next();
      left = { k: 'binary', op: t.text === '<>' ? '!=' : t.text, left, right: parseAdditive(c, pp), pos: t.pos };
    } else if (t.kind === 'ident' && STRING_OPS.has(t.text)) {
      c.next();
      left = { k: 'binary', op: t.text, left, right: parseAdditive(c, pp), pos: t.pos };
    } else if (t.kind === 'ident' && t.text === 'matches' && c.isIdent('regex', 1)) {
      c.next(); c.next();
      left = { k: 'binary', op: 'matches regex', left, right: parseAdditive(c, pp), pos: t.pos };
    } else if (t.kind === 'ident' && IN_OPS.has(t.text)) {
      c.next();
      left = parseInList(c, t.text, left, t.pos, pp);
    } else if (t.kind === 'ident' && (t.text === 'between' || t.text === '!between')) {
      c.next();
      c.expectPunct('(');
      const low = parseAdditive(c, pp);
      c.expectPunct('..');
      const high = parseAdditive(c, pp);
      c.expectPunct(')');
      left = { k: 'between', negated: t.text === '!between', left, low, high, pos: t.pos };
    } else if (t.kind === 'punct' && t.text === '=' && !c.isPunct('=', 1)) {
      throw new KqlError("Unexpected '=': use '==' to compare values ('=' only names a column)", t.pos, 'SyntaxError');
    } else if (t.kind === 'ident' && UNSUPPORTED_OPS.has(t.text)) {
      throw unsupported(`${t.text} operator`, t.pos);
    } else {
      return left;
    }
  }
}

function parseInList(c: TokenCursor, op: string, left: Expr, pos: Expr['pos'], pp?: PipelineParser): Expr {
  c.expectPunct('(');
  const start = c.index;
  const list: Expr[] = [];
  if (!c.isPunct(')')) {
    try {
      do list.push(parseExpression(c, pp)); while (c.acceptPunct(','));
      if (!c.isPunct(')')) throw c.error("Expected ')'");
    } catch (err) {
      // Not a list of scalars: a tabular sub-query (`in (T | project x)`).
      if (!pp || !(err instanceof KqlError)) throw err;
      c.index = start;
      const tabular = pp(c);
      c.expectPunct(')');
      return { k: 'in', op, left, list: [], tabular, pos };
    }
  }
  c.expectPunct(')');
  return { k: 'in', op, left, list, pos };
}

function parseAdditive(c: TokenCursor, pp?: PipelineParser): Expr {
  let left = parseMultiplicative(c, pp);
  while (c.isPunct('+') || c.isPunct('-')) {
    const t = c.next();
    left = { k: 'binary', op: t.text, left, right: parseMultiplicative(c, pp), pos: t.pos };
  }
  return left;
}

function parseMultiplicative(c: TokenCursor, pp?: PipelineParser): Expr {
  let left = parseUnary(c, pp);
  while (c.isPunct('*') || c.isPunct('/') || c.isPunct('%')) {
    const t = c.next();
    left = { k: 'binary', op: t.text, left, right: parseUnary(c, pp), pos: t.pos };
  }
  return left;
}

function parseUnary(c: TokenCursor, pp?: PipelineParser): Expr {
  if (c.isPunct('-')) {
    const t = c.next();
    const operand = parseUnary(c, pp);
    if (operand.k === 'literal' && typeof operand.value === 'number') return { ...operand, value: -operand.value, pos: t.pos };
    return { k: 'negate', operand, pos: t.pos };
  }
  if (c.isPunct('+')) c.next();
  return parsePostfix(c, pp);
}

function parsePostfix(c: TokenCursor, pp?: PipelineParser): Expr {
  let expr = parsePrimary(c, pp);
  for (;;) {
    if (c.isPunct('.') && c.peek(1).kind === 'ident') {
      const pos = c.next().pos;
      expr = { k: 'member', target: expr, key: c.next().text, pos };
    } else if (c.isPunct('[')) {
      const pos = c.next().pos;
      const key = parseExpression(c, pp);
      c.expectPunct(']');
      expr = { k: 'member', target: expr, key: key.k === 'literal' && typeof key.value === 'string' ? key.value : key, pos };
    } else {
      return expr;
    }
  }
}

function parsePrimary(c: TokenCursor, pp?: PipelineParser): Expr {
  const t = c.peek();
  switch (t.kind) {
    case 'number':
      c.next();
      return { k: 'literal', type: t.isReal ? 'real' : 'long', value: t.value!, pos: t.pos };
    case 'timespan':
      c.next();
      return { k: 'literal', type: 'timespan', value: t.value!, pos: t.pos };
    case 'string':
      c.next();
      return { k: 'literal', type: 'string', value: t.text, pos: t.pos };
    case 'raw':
      c.next();
      return parseRawLiteral(t.text, c.next().text, t.pos);
    case 'ident':
      return parseIdentifier(c, pp);
    case 'punct':
      if (t.text === '(') {
        c.next();
        const inner = parseExpression(c, pp);
        c.expectPunct(')');
        return inner;
      }
      if (t.text === '[' && c.peek(1).kind === 'string' && c.isPunct(']', 2)) return { k: 'name', name: c.expectName(), pos: t.pos };
      if (t.text === '*') { c.next(); return { k: 'star', pos: t.pos }; }
      throw c.error('Expected an expression');
    case 'eof':
      throw c.error('Expected an expression');
  }
}

function parseIdentifier(c: TokenCursor, pp?: PipelineParser): Expr {
  const t = c.next();
  if ((t.text === 'toscalar' || t.text === 'materialize') && c.isPunct('(')) throw unsupported(`${t.text}() in a scalar expression`, t.pos);
  if (t.text === 'true' || t.text === 'false') return { k: 'literal', type: 'bool', value: t.text === 'true', pos: t.pos };
  if (!c.isPunct('(')) return { k: 'name', name: t.text, pos: t.pos };
  const typed = TYPE_ALIASES[t.text];
  if (typed && t.text !== 'dynamic') {
    // Typed literals: long(null), int(5), real(1.5), bool(true), string(null) → ''.
    c.next();
    const inner = c.peek();
    let value: number | boolean | string | null;
    if (inner.kind === 'ident' && inner.text === 'null') value = typed === 'string' ? '' : null;
    else if (inner.kind === 'number' || (inner.kind === 'punct' && inner.text === '-')) {
      const e = parseUnary(c, pp);
      if (e.k !== 'literal') throw c.error(`Expected a literal in ${t.text}()`);
      c.expectPunct(')');
      return { k: 'literal', type: typed, value: typed === 'int' || typed === 'long' ? Math.trunc(e.value as number) : e.value, pos: t.pos };
    } else if (inner.kind === 'ident' && (inner.text === 'true' || inner.text === 'false') && typed === 'bool') value = inner.text === 'true';
    else if (inner.kind === 'string' && typed === 'string') value = inner.text;
    else throw c.error(`Expected a literal or null in ${t.text}()`);
    c.next();
    c.expectPunct(')');
    return { k: 'literal', type: typed, value, pos: t.pos };
  }
  c.next();
  const args: Expr[] = [];
  if (!c.isPunct(')')) {
    do {
      if (c.isNameStart() && c.isPunct('=', 1) && !c.isPunct('==', 1)) {
        throw unsupported(`named argument '${c.peek().text} =' in ${t.text}()`, c.peek().pos);
      }
      args.push(parseExpression(c, pp));
    } while (c.acceptPunct(','));
  }
  c.expectPunct(')');
  return { k: 'call', name: t.text, args, pos: t.pos };
}
