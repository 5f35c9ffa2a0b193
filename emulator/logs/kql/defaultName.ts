import type { Expr } from './ast';

/** The output name of an unnamed expression: the column's own name, `A_b` for member access, else ColumnN. */
export function defaultName(e: Expr, taken: Set<string>, counter: { n: number }): string {
  if (e.k === 'name') return e.name;
  if (e.k === 'member' && typeof e.key === 'string') {
    const base = defaultName(e.target, new Set(), { n: 0 });
    if (!base.startsWith('Column')) return `${base}_${e.key}`;
  }
  let name: string;
  do name = `Column${++counter.n}`; while (taken.has(name));
  return name;
}
