import type { Expr, NamedExpr, Pipeline, Query, Source, Statement, UnionLeg } from './ast';
import type { KqlType } from './kqlTypes';
import { KqlError, unsupported } from './KqlError';
import { TYPE_ALIASES } from './kqlTypes';
import { parseNamed, parseOperator } from './parseOperator';
import { parseExpression } from './parseExpression';
import { parseUnionOptions } from './parseUnionOptions';
import { TokenCursor } from './TokenCursor';
import { tokenize } from './tokenize';

/** Tabular operators that exist in KQL but are outside the subset (named in the error). */
const UNSUPPORTED_SOURCES = new Set(['range', 'find', 'search', 'evaluate', 'externaldata', 'materialize', 'toscalar', 'cluster', 'database', 'workspace', 'app', 'resource']);

/** Parses a whole query: `let` statements separated by ';' and a final tabular expression. */
export function parseQuery(text: string, isTableName: (name: string) => boolean): Query {
  const c = new TokenCursor(tokenize(text));
  const tabularLets = new Set<string>();
  const isTabular = (name: string): boolean => tabularLets.has(name) || isTableName(name);
  const statements: Statement[] = [];
  for (;;) {
    while (c.acceptPunct(';'));
    if (!c.isIdent('let')) break;
    const pos = c.next().pos;
    const name = c.expectIdent('a name after let').text;
    c.expectPunct('=');
    if (c.isPunct('(') && (c.isPunct(')', 1) || (c.peek(1).kind === 'ident' && c.isPunct(':', 2)))) {
      throw unsupported(`user-defined function (let ${name} = (...) {...})`, pos);
    }
    const start = c.index;
    let statement: Statement;
    if (c.isIdent('materialize') && c.isPunct('(', 1)) {
      c.next(); c.next();
      const pipeline = parsePipeline(c, isTabular);
      c.expectPunct(')');
      statement = { k: 'let-tabular', name, pipeline, pos };
    } else if (startsTabular(c, isTabular)) {
      statement = { k: 'let-tabular', name, pipeline: parsePipeline(c, isTabular), pos };
    } else {
      let expr: Expr | undefined;
      try {
        expr = parseExpression(c, (cc) => parsePipeline(cc, isTabular));
      } catch (err) {
        if (!(err instanceof KqlError)) throw err;
      }
      if (expr && !c.isPunct('|')) statement = { k: 'let-scalar', name, expr, pos };
      else {
        c.index = start;
        statement = { k: 'let-tabular', name, pipeline: parsePipeline(c, isTabular), pos };
      }
    }
    if (statement.k === 'let-tabular') tabularLets.add(name);
    statements.push(statement);
    if (!c.acceptPunct(';')) throw c.error("Expected ';' after the let statement");
  }
  if (c.peek().kind === 'eof') throw c.error('Expected a tabular expression');
  const body = parsePipeline(c, isTabular);
  while (c.acceptPunct(';'));
  if (c.peek().kind !== 'eof') throw c.error("Expected '|' or end of query");
  return { statements, body };
}

function startsTabular(c: TokenCursor, isTabular: (n: string) => boolean): boolean {
  const t = c.peek();
  if (t.kind !== 'ident') return false;
  return t.text === 'union' || t.text === 'datatable' || t.text === 'print' || (isTabular(t.text) && !c.isPunct('(', 1));
}

/** `source | op | op ...`. */
export function parsePipeline(c: TokenCursor, isTabular: (n: string) => boolean): Pipeline {
  const source = parseSource(c, isTabular);
  const operators = [];
  while (c.acceptPunct('|')) operators.push(parseOperator(c, (cc) => parsePipeline(cc, isTabular), (cc) => parseUnionLegs(cc, isTabular)));
  return { source, operators };
}

function parseSource(c: TokenCursor, isTabular: (n: string) => boolean): Source {
  const t = c.peek();
  if (c.acceptPunct('(')) {
    const pipeline = parsePipeline(c, isTabular);
    c.expectPunct(')');
    return { k: 'pipeline', pipeline, pos: t.pos };
  }
  if (t.kind !== 'ident') throw c.error('Expected a table name or tabular expression');
  if (t.text === 'union') {
    c.next();
    const { kind, withSource } = parseUnionOptions(c);
    return { k: 'union', kind, withSource, legs: parseUnionLegs(c, isTabular), pos: t.pos };
  }
  if (t.text === 'datatable') return parseDatatable(c);
  if (t.text === 'print') {
    c.next();
    const items: NamedExpr[] = [];
    do items.push(parseNamed(c)); while (c.acceptPunct(','));
    return { k: 'print', items, pos: t.pos };
  }
  if (UNSUPPORTED_SOURCES.has(t.text) && c.isPunct('(', 1)) throw unsupported(`${t.text}()`, t.pos);
  if (UNSUPPORTED_SOURCES.has(t.text) && (t.text === 'range' || t.text === 'find' || t.text === 'search' || t.text === 'evaluate')) {
    throw unsupported(t.text, t.pos);
  }
  c.next();
  if (c.isPunct('(')) throw unsupported(`calling '${t.text}(...)' as a tabular function`, t.pos);
  return { k: 'table', name: t.text, pos: t.pos };
}

/** `T1, T2*, (pipeline), ...` — table names may end with a '*' wildcard; `*` alone is every table. */
export function parseUnionLegs(c: TokenCursor, isTabular: (n: string) => boolean): UnionLeg[] {
  const legs: UnionLeg[] = [];
  do {
    const t = c.peek();
    if (c.acceptPunct('(')) {
      legs.push({ k: 'pipeline', pipeline: parsePipeline(c, isTabular) });
      c.expectPunct(')');
    } else if (c.acceptPunct('*')) {
      legs.push({ k: 'pattern', pattern: '*', pos: t.pos });
    } else {
      let pattern = c.expectIdent('a table name').text;
      if (c.isPunct('*') && c.peek().pos.offset === t.pos.offset + pattern.length) { c.next(); pattern += '*'; }
      legs.push({ k: 'pattern', pattern, pos: t.pos });
    }
  } while (c.acceptPunct(','));
  return legs;
}

function parseDatatable(c: TokenCursor): Source {
  const pos = c.next().pos;
  c.expectPunct('(');
  const columns: { name: string; type: KqlType }[] = [];
  do {
    const name = c.expectName();
    c.expectPunct(':');
    const typeTok = c.peek();
    const typeName = typeTok.kind === 'ident' || typeTok.kind === 'raw' ? c.next().text : '';
    const type = TYPE_ALIASES[typeName];
    if (!type) throw new KqlError(`Unknown column type '${typeName}' in datatable`, typeTok.pos, 'SyntaxError');
    columns.push({ name, type });
  } while (c.acceptPunct(','));
  c.expectPunct(')');
  c.expectPunct('[');
  const values: Expr[] = [];
  if (!c.isPunct(']')) {
    do {
      if (c.isPunct(']')) break;
      values.push(parseExpression(c));
    } while (c.acceptPunct(','));
  }
  c.expectPunct(']');
  return { k: 'datatable', columns, values, pos };
}
