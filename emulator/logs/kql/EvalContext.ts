import type { Pipeline } from './ast';
import { indexColumns, type Scope } from './compiled';
import type { Column, KqlType, KqlValue, Table } from './kqlTypes';

/** What a table provider may use to generate less: rows outside [fromMs, toMs] or of other clusters are not needed. */
export interface ScanHint {
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Each filter: the cluster's value of `column`, lower-cased, must be one of `values`. */
  readonly clusterFilters?: readonly { readonly column: string; readonly values: ReadonlySet<string> }[];
}

/** Where tables come from (the generated Container Insights tables, or a fixed set in tests). */
export interface TableProvider {
  tableNames(): readonly string[];
  /** The table, restricted to the hint's time range when the provider can; undefined when no such table. */
  getTable(name: string, hint: ScanHint): Table | undefined;
  /** The table's columns before generating it (so hints never mistake a column for a constant). */
  columnsOf?(name: string): readonly Column[] | undefined;
}

/** State shared by one query's evaluation. */
export interface EvalContext {
  readonly provider: TableProvider;
  readonly nowMs: number;
  readonly scalarLets: Map<string, { readonly type: KqlType; readonly value: KqlValue }>;
  readonly tabularLets: Map<string, () => Table>;
  readonly evaluatePipeline: (pipeline: Pipeline) => Table;
}

export function isTabularName(ctx: EvalContext, name: string): boolean {
  return ctx.tabularLets.has(name) || ctx.provider.tableNames().includes(name);
}

export function scopeFor(ctx: EvalContext, columns: readonly Column[]): Scope {
  return {
    columns,
    columnIndex: indexColumns(columns),
    lets: ctx.scalarLets,
    nowMs: ctx.nowMs,
    evaluatePipeline: ctx.evaluatePipeline,
    isTabularName: (name) => isTabularName(ctx, name),
  };
}
