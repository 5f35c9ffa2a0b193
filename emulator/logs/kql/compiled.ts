import type { Pipeline } from './ast';
import type { SourcePosition } from './KqlError';
import type { Column, KqlType, KqlValue, Row, Table } from './kqlTypes';

/** A compiled scalar expression: its static KQL type and a function of the current row. */
export interface Compiled {
  readonly type: KqlType;
  readonly fn: (row: Row) => KqlValue;
  /** True when the value does not depend on the row (literals, now(), ago(), scalar lets). */
  readonly constant: boolean;
}

/** What an expression can see: the input columns, scalar lets, the query's `now`, and tabular sub-queries. */
export interface Scope {
  readonly columns: readonly Column[];
  readonly columnIndex: ReadonlyMap<string, number>;
  readonly lets: ReadonlyMap<string, { readonly type: KqlType; readonly value: KqlValue }>;
  readonly nowMs: number;
  /** Evaluates a tabular expression (for `in (T | project x)`), or undefined when `name` is not tabular. */
  readonly evaluatePipeline: (pipeline: Pipeline) => Table;
  readonly isTabularName: (name: string) => boolean;
}

export type FunctionCompiler = (args: readonly Compiled[], pos: SourcePosition, scope: Scope) => Compiled;

export function constant(type: KqlType, value: KqlValue): Compiled {
  return { type, fn: () => value, constant: true };
}

/** Builds a Compiled, folding it to a constant when every input is constant. */
export function derive(type: KqlType, inputs: readonly Compiled[], fn: (row: Row) => KqlValue): Compiled {
  if (inputs.every((i) => i.constant)) {
    const value = fn([]);
    return constant(type, value);
  }
  return { type, fn, constant: false };
}

export function indexColumns(columns: readonly Column[]): Map<string, number> {
  const m = new Map<string, number>();
  columns.forEach((c, i) => m.set(c.name, i));
  return m;
}
