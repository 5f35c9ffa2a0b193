/**
 * One problem found in config-as-code, located by a JSONPath-like path
 * (`gatePolicies[1].checks[0].threshold`). Parsers report every issue they find in one pass.
 * Shared by every config section; produced from zod issues by schemaIssues (src/domain/schemas).
 */
export interface ConfigIssue {
  /** Where the problem is, e.g. `gatePolicies[1].analysis.count`. */
  readonly path: string;
  /** What is wrong and, where useful, how to fix it, e.g. `expected a number`. */
  readonly message: string;
}

/** Outcome of parsing one config section: the typed value, or every issue found. */
export type ConfigResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };
