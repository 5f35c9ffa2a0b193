import type { SourcePosition } from './KqlError';
import type { KqlType, KqlValue } from './kqlTypes';

/** Scalar expressions. */
export type Expr =
  | { readonly k: 'literal'; readonly type: KqlType; readonly value: KqlValue; readonly pos: SourcePosition }
  | { readonly k: 'name'; readonly name: string; readonly pos: SourcePosition }
  | { readonly k: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr; readonly pos: SourcePosition }
  | { readonly k: 'in'; readonly op: string; readonly left: Expr; readonly list: readonly Expr[]; readonly tabular?: Pipeline; readonly pos: SourcePosition }
  | { readonly k: 'between'; readonly negated: boolean; readonly left: Expr; readonly low: Expr; readonly high: Expr; readonly pos: SourcePosition }
  | { readonly k: 'negate'; readonly operand: Expr; readonly pos: SourcePosition }
  | { readonly k: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly pos: SourcePosition }
  | { readonly k: 'member'; readonly target: Expr; readonly key: string | Expr; readonly pos: SourcePosition }
  | { readonly k: 'star'; readonly pos: SourcePosition };

/** `Name = expr` or a bare `expr` in project/extend/summarize/by lists. */
export interface NamedExpr {
  readonly name?: string;
  readonly expr: Expr;
}

export interface SortKey {
  readonly expr: Expr;
  readonly desc: boolean;
  readonly nullsFirst: boolean;
}

export interface JoinKey {
  readonly left: string;
  readonly right: string;
  readonly pos: SourcePosition;
}

export type Source =
  | { readonly k: 'table'; readonly name: string; readonly pos: SourcePosition }
  | { readonly k: 'union'; readonly kind: 'inner' | 'outer'; readonly withSource?: string; readonly legs: readonly UnionLeg[]; readonly pos: SourcePosition }
  | { readonly k: 'datatable'; readonly columns: readonly { name: string; type: KqlType }[]; readonly values: readonly Expr[]; readonly pos: SourcePosition }
  | { readonly k: 'print'; readonly items: readonly NamedExpr[]; readonly pos: SourcePosition }
  | { readonly k: 'pipeline'; readonly pipeline: Pipeline; readonly pos: SourcePosition };

/** A union leg: a table/let name (possibly with a `*` wildcard) or a parenthesised pipeline. */
export type UnionLeg = { readonly k: 'pattern'; readonly pattern: string; readonly pos: SourcePosition } | { readonly k: 'pipeline'; readonly pipeline: Pipeline };

export type Operator =
  | { readonly k: 'where'; readonly predicate: Expr; readonly pos: SourcePosition }
  | { readonly k: 'project'; readonly items: readonly NamedExpr[]; readonly pos: SourcePosition }
  | { readonly k: 'project-away'; readonly patterns: readonly string[]; readonly pos: SourcePosition }
  | { readonly k: 'project-rename'; readonly renames: readonly { to: string; from: string }[]; readonly pos: SourcePosition }
  | { readonly k: 'extend'; readonly items: readonly NamedExpr[]; readonly pos: SourcePosition }
  | { readonly k: 'summarize'; readonly aggregates: readonly NamedExpr[]; readonly by: readonly NamedExpr[]; readonly pos: SourcePosition }
  | { readonly k: 'join'; readonly kind: string; readonly right: Pipeline; readonly on: readonly JoinKey[]; readonly pos: SourcePosition }
  | { readonly k: 'union'; readonly kind: 'inner' | 'outer'; readonly withSource?: string; readonly legs: readonly UnionLeg[]; readonly pos: SourcePosition }
  | { readonly k: 'sort'; readonly keys: readonly SortKey[]; readonly pos: SourcePosition }
  | { readonly k: 'top'; readonly count: Expr; readonly key: SortKey; readonly pos: SourcePosition }
  | { readonly k: 'take'; readonly count: Expr; readonly pos: SourcePosition }
  | { readonly k: 'distinct'; readonly items: readonly NamedExpr[] | '*'; readonly pos: SourcePosition }
  | { readonly k: 'count'; readonly pos: SourcePosition };

export interface Pipeline {
  readonly source: Source;
  readonly operators: readonly Operator[];
}

export type Statement =
  | { readonly k: 'let-scalar'; readonly name: string; readonly expr: Expr; readonly pos: SourcePosition }
  | { readonly k: 'let-tabular'; readonly name: string; readonly pipeline: Pipeline; readonly pos: SourcePosition };

export interface Query {
  readonly statements: readonly Statement[];
  readonly body: Pipeline;
}
