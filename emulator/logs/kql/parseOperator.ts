import type { Expr, JoinKey, NamedExpr, Operator, Pipeline, SortKey, UnionLeg } from './ast';
import { KqlError, unsupported } from './KqlError';
import { parseExpression } from './parseExpression';
import { parseUnionOptions } from './parseUnionOptions';
import type { TokenCursor } from './TokenCursor';

type PipelineParser = (c: TokenCursor) => Pipeline;
type UnionLegsParser = (c: TokenCursor) => UnionLeg[];

const UNSUPPORTED_OPERATORS = new Set([
  'mv-expand', 'mv-apply', 'make-series', 'parse', 'parse-where', 'parse-kv', 'render', 'lookup', 'evaluate', 'as',
  'serialize', 'fork', 'facet', 'invoke', 'getschema', 'sample', 'sample-distinct', 'top-nested', 'top-hitters',
  'project-reorder', 'project-keep', 'reduce', 'scan', 'search', 'find', 'consume', 'partition', 'range', 'print',
  'externaldata', 'extend-columns', 'project-smart', 'filter-by',
]);
const JOIN_KINDS = new Set(['inner', 'innerunique', 'leftouter', 'leftanti', 'leftsemi', 'rightouter', 'fullouter', 'rightanti', 'rightsemi', 'anti', 'semi', 'leftantisemi', 'rightantisemi']);

/** `Name = expr` or `expr`. */
export function parseNamed(c: TokenCursor, pp?: PipelineParser): NamedExpr {
  if (c.isNameStart() && c.isPunct('=', 1)) {
    const name = c.expectName();
    c.next();
    return { name, expr: parseExpression(c, pp) };
  }
  if (c.isPunct('(') && c.isNameStart() === false && c.peek(1).kind === 'ident' && c.isPunct(',', 2)) {
    throw unsupported('tuple assignment (A, B) = ...', c.peek().pos);
  }
  return { expr: parseExpression(c, pp) };
}

function parseNamedList(c: TokenCursor, pp: PipelineParser): NamedExpr[] {
  const items: NamedExpr[] = [];
  do items.push(parseNamed(c, pp)); while (c.acceptPunct(','));
  return items;
}

function parseSortKey(c: TokenCursor, pp: PipelineParser): SortKey {
  const expr = parseExpression(c, pp);
  let desc = true;
  if (c.acceptIdent('asc')) desc = false;
  else c.acceptIdent('desc');
  let nullsFirst = !desc;
  if (c.acceptIdent('nulls')) {
    if (c.acceptIdent('first')) nullsFirst = true;
    else if (c.acceptIdent('last')) nullsFirst = false;
    else throw c.error("Expected 'first' or 'last' after 'nulls'");
  }
  return { expr, desc, nullsFirst };
}

function parseNameList(c: TokenCursor): string[] {
  const names: string[] = [];
  do {
    let name = c.isPunct('*') ? '' : c.expectName();
    const last = c.tokens[c.index - 1];
    if (c.isPunct('*') && (name === '' || (last && c.peek().pos.offset === last.pos.offset + name.length))) { c.next(); name += '*'; }
    names.push(name);
  } while (c.acceptPunct(','));
  return names;
}

/** One tabular operator after '|'. */
export function parseOperator(c: TokenCursor, pp: PipelineParser, unionLegs: UnionLegsParser): Operator {
  const t = c.peek();
  if (t.kind !== 'ident') throw c.error('Expected a tabular operator');
  c.next();
  const pos = t.pos;
  switch (t.text) {
    case 'where': case 'filter':
      return { k: 'where', predicate: parseExpression(c, pp), pos };
    case 'project':
      return { k: 'project', items: parseNamedList(c, pp), pos };
    case 'extend':
      return { k: 'extend', items: parseNamedList(c, pp), pos };
    case 'project-away':
      return { k: 'project-away', patterns: parseNameList(c), pos };
    case 'project-rename': {
      const renames: { to: string; from: string }[] = [];
      do {
        const to = c.expectName();
        c.expectPunct('=');
        renames.push({ to, from: c.expectName() });
      } while (c.acceptPunct(','));
      return { k: 'project-rename', renames, pos };
    }
    case 'summarize': {
      if (c.isIdent('hint') || (c.peek().kind === 'ident' && c.peek().text.startsWith('hint.'))) throw unsupported('summarize hints', c.peek().pos);
      const aggregates = c.isIdent('by') ? [] : parseNamedList(c, pp);
      const by = c.acceptIdent('by') ? parseNamedList(c, pp) : [];
      if (aggregates.length === 0 && by.length === 0) throw c.error('Expected aggregations or by-columns after summarize');
      return { k: 'summarize', aggregates, by, pos };
    }
    case 'join':
      return parseJoin(c, pp, pos);
    case 'union': {
      const { kind, withSource } = parseUnionOptions(c);
      return { k: 'union', kind, withSource, legs: unionLegs(c), pos };
    }
    case 'order': case 'sort': {
      if (!c.acceptIdent('by')) throw c.error(`Expected 'by' after '${t.text}'`);
      const keys: SortKey[] = [];
      do keys.push(parseSortKey(c, pp)); while (c.acceptPunct(','));
      return { k: 'sort', keys, pos };
    }
    case 'top': {
      const count = parseExpression(c, pp);
      if (!c.acceptIdent('by')) throw c.error("Expected 'by' after top N");
      const key = parseSortKey(c, pp);
      if (c.isPunct(',')) throw unsupported('top with more than one sort key', c.peek().pos);
      return { k: 'top', count, key, pos };
    }
    case 'take': case 'limit':
      return { k: 'take', count: parseExpression(c, pp), pos };
    case 'distinct':
      if (c.acceptPunct('*')) return { k: 'distinct', items: '*', pos };
      return { k: 'distinct', items: parseNamedList(c, pp), pos };
    case 'count':
      return { k: 'count', pos };
    default:
      if (UNSUPPORTED_OPERATORS.has(t.text)) throw unsupported(`${t.text} operator`, pos);
      throw new KqlError(`Unknown tabular operator '${t.text}'`, t.pos, 'SyntaxError');
  }
}

function parseJoin(c: TokenCursor, pp: PipelineParser, pos: Operator['pos']): Operator {
  let kind = 'innerunique';
  for (;;) {
    if (c.isIdent('kind') && c.isPunct('=', 1)) {
      c.next(); c.next();
      const k = c.expectIdent('a join kind');
      if (!JOIN_KINDS.has(k.text)) throw new KqlError(`Unknown join kind '${k.text}'`, k.pos, 'SyntaxError');
      if (!['inner', 'innerunique', 'leftouter', 'leftanti', 'leftsemi'].includes(k.text)) throw unsupported(`join kind=${k.text}`, k.pos);
      kind = k.text;
    } else if (c.peek().kind === 'ident' && c.peek().text.startsWith('hint') && c.isPunct('.', 1)) {
      throw unsupported('join hints', c.peek().pos);
    } else break;
  }
  let right: Pipeline;
  if (c.acceptPunct('(')) {
    right = pp(c);
    c.expectPunct(')');
  } else {
    const name = c.expectIdent('a table or a parenthesised query');
    right = { source: { k: 'table', name: name.text, pos: name.pos }, operators: [] };
  }
  if (!c.acceptIdent('on')) throw c.error("Expected 'on' after the join's right side");
  const on: JoinKey[] = [];
  do {
    const kp = c.peek().pos;
    const first = parseExpression(c, pp);
    on.push(joinKey(first, c, kp));
  } while (c.acceptPunct(','));
  return { k: 'join', kind, right, on, pos };
}

function joinKey(e: Expr, c: TokenCursor, pos: Operator['pos']): JoinKey {
  const side = (x: Expr): { side: string; name: string } | undefined =>
    x.k === 'member' && x.target.k === 'name' && (x.target.name === '$left' || x.target.name === '$right') && typeof x.key === 'string'
      ? { side: x.target.name, name: x.key }
      : undefined;
  if (e.k === 'name') return { left: e.name, right: e.name, pos };
  if (e.k === 'binary' && e.op === '==') {
    const a = side(e.left);
    const b = side(e.right);
    if (a && b && a.side !== b.side) return a.side === '$left' ? { left: a.name, right: b.name, pos } : { left: b.name, right: a.name, pos };
  }
  throw c.error("Expected a join key: a column name or '$left.A == $right.B'");
}
