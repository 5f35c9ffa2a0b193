import { ArmError } from './armError';
import type { ArmContext } from './armContext';

/** ARM list page `{ value, nextLink }`; nextLink is absolute and carries its own api-version. */
/** `render` is applied to the page's items only, so a page of a large list costs its own size (not the list's). */
export function page<T>(ctx: ArmContext, items: readonly T[], pageSize: number, valueKey = 'value', render?: (item: T) => unknown): Record<string, unknown> {
  const query = ctx.request.url.searchParams;
  const topRaw = query.get('$top');
  const top = topRaw === null ? pageSize : Number(topRaw);
  if (!Number.isInteger(top) || top < 1) throw new ArmError(400, 'InvalidQueryParameterValue', `Invalid value '${topRaw ?? ''}' for query parameter '$top'.`);
  const skipRaw = query.get('$skipToken');
  const skip = skipRaw === null ? 0 : Number(skipRaw);
  if (!Number.isInteger(skip) || skip < 0) throw new ArmError(400, 'InvalidQueryParameterValue', `Invalid value '${skipRaw ?? ''}' for query parameter '$skipToken'.`);
  const slice = items.slice(skip, skip + top);
  const result: Record<string, unknown> = { [valueKey]: render ? slice.map(render) : slice };
  if (skip + top < items.length) {
    const next = new URL(ctx.request.url.pathname, ctx.baseUrl);
    for (const [k, v] of query) if (k !== '$skipToken') next.searchParams.set(k, v);
    next.searchParams.set('$skipToken', String(skip + top));
    result.nextLink = next.toString();
  }
  return result;
}
