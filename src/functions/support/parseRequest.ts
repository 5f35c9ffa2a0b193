import type { HttpRequest } from '@azure/functions';
import type { z } from 'zod';
import { houseMessages, schemaIssues } from '../../domain/schemas/schemaIssues';
import type { ParameterError } from './problemResponse';

type Parsed<S extends z.ZodType> = { readonly ok: true; readonly value: z.output<S> } | { readonly ok: false; readonly errors: readonly ParameterError[] };

/**
 * Parses one request input with its schema: the typed value, or every bad parameter named (`fleet`, `limit`,
 * `targets[0].type`, `body` for the whole body) with the house wording, for a 400 that lists them all.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): Parsed<S> {
  const result = schema.safeParse(value, { error: houseMessages });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: schemaIssues(result.error).map((issue) => ({ parameter: issue.path === '$' ? 'body' : issue.path, message: issue.message })) };
}

/** The query string as an object, the first value of each name (as `URLSearchParams.get` reads it). */
export function queryOf(request: HttpRequest): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of request.query) if (!(name in query)) query[name] = value;
  return query;
}

/**
 * Route parameters and query string of a request, each by its schema; every problem of both in one list. Query
 * schemas are not strict: unknown names (the function key `code`, a cache buster) are ignored.
 */
export function parseRequest<P extends z.ZodType, Q extends z.ZodType>(
  request: HttpRequest,
  params: P,
  query: Q,
): { readonly ok: true; readonly params: z.output<P>; readonly query: z.output<Q> } | { readonly ok: false; readonly errors: readonly ParameterError[] } {
  const p = parseInput(params, { ...request.params });
  const q = parseInput(query, queryOf(request));
  if (p.ok && q.ok) return { ok: true, params: p.value, query: q.value };
  return { ok: false, errors: [...(p.ok ? [] : p.errors), ...(q.ok ? [] : q.errors)] };
}
