import { childPath } from '../gates/configIssue';
import type { Fields, IssueList } from '../gates/configReader';

/**
 * Fleet's `maxConcurrency` (concepts-update-orchestration.md, docs/azure-apis.md §7): a count ("3") or a percentage
 * ("25%"). On a stage it is the number of clusters upgrading at once across all its groups (a percentage is of all
 * clusters in the stage), at most 50, default 50; on a group at most the stage's value (and the group's size, which
 * only Fleet knows at run creation), default 1. Values beyond the limits are rejected by Fleet, so here too.
 */
export const MAX_STAGE_CONCURRENCY = 50;
const FORM = /^(?:[1-9]\d*|(?:[1-9]\d?|100)%)$/;

/** Reads `maxConcurrency` (a whole number or a "N%" string) as Fleet's string form; undefined when absent or invalid. */
export function readMaxConcurrency(fields: Fields, path: string, issues: IssueList): string | undefined {
  const raw = fields.maxConcurrency;
  if (raw === undefined || raw === null) return undefined;
  const value = typeof raw === 'number' ? String(raw) : raw;
  if (typeof value !== 'string' || !FORM.test(value)) {
    issues.push({ path: childPath(path, 'maxConcurrency'), message: 'expected a whole number of clusters (1 or more) or a percentage from 1% to 100%' });
    return undefined;
  }
  return value;
}

const count = (v: string | undefined): number | undefined => (v !== undefined && !v.endsWith('%') ? Number(v) : undefined);
const percent = (v: string | undefined): number | undefined => (v?.endsWith('%') ? Number(v.slice(0, -1)) : undefined);

/** Fleet's limits between a stage's value and its groups' (a count against a percentage depends on member counts Fleet checks). */
export function checkMaxConcurrency(
  stage: string | undefined,
  groups: readonly { readonly value: string | undefined; readonly path: string }[],
  stagePath: string,
  issues: IssueList,
): void {
  const stageCount = count(stage);
  if (stageCount !== undefined && stageCount > MAX_STAGE_CONCURRENCY) {
    issues.push({ path: childPath(stagePath, 'maxConcurrency'), message: `Fleet allows at most ${MAX_STAGE_CONCURRENCY} clusters at once per stage` });
  }
  for (const g of groups) {
    const overCount = (count(g.value) ?? 0) > (stageCount ?? MAX_STAGE_CONCURRENCY);
    const overPercent = percent(g.value) !== undefined && percent(stage) !== undefined && (percent(g.value) ?? 0) > (percent(stage) ?? 0);
    if (overCount || overPercent) {
      issues.push({ path: childPath(g.path, 'maxConcurrency'), message: `must not exceed the stage's maxConcurrency (${stage ?? `default ${MAX_STAGE_CONCURRENCY}`})` });
    }
  }
}
