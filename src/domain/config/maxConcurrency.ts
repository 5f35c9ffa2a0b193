import { z } from 'zod';

/**
 * Fleet's `maxConcurrency` (concepts-update-orchestration.md, docs/azure-apis.md §7): a count ("3") or a percentage
 * ("25%"). On a stage it is the number of clusters upgrading at once across all its groups (a percentage is of all
 * clusters in the stage), at most 50, default 50; on a group at most the stage's value (and the group's size, which
 * only Fleet knows at run creation), default 1. Values beyond the limits are rejected by Fleet, so here too.
 */
export const MAX_STAGE_CONCURRENCY = 50;
const FORM = /^(?:[1-9]\d*|(?:[1-9]\d?|100)%)$/;
const HINT = 'expected a whole number of clusters (1 or more) or a percentage from 1% to 100%';

/** `maxConcurrency` as written (a whole number or a "N%" string), in Fleet's string form. */
export function maxConcurrencySchema(description: string) {
  return z
    .union([z.number({ error: HINT }).int({ error: HINT }).min(1, { error: HINT }), z.string({ error: HINT }).regex(FORM, { error: HINT })], { error: HINT })
    .transform(String)
    .describe(`A count or a percentage ("25%"): ${description}`);
}

const count = (v: string | undefined): number | undefined => (v !== undefined && !v.endsWith('%') ? Number(v) : undefined);
const percent = (v: string | undefined): number | undefined => (v?.endsWith('%') ? Number(v.slice(0, -1)) : undefined);
const form = (v: unknown): string | undefined => {
  const value = typeof v === 'number' ? String(v) : v;
  return typeof value === 'string' && FORM.test(value) ? value : undefined;
};

/** Fleet's limits between a stage's value and its groups' (a count against a percentage depends on member counts Fleet checks). */
export function maxConcurrencyRules(stage: unknown, ctx: z.core.$RefinementCtx): void {
  const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const stageValue = form(record(stage).maxConcurrency);
  const stageCount = count(stageValue);
  if (stageCount !== undefined && stageCount > MAX_STAGE_CONCURRENCY) {
    ctx.addIssue({ code: 'custom', path: ['maxConcurrency'], message: `Fleet allows at most ${MAX_STAGE_CONCURRENCY} clusters at once per stage` });
  }
  const groups = Array.isArray(record(stage).groups) ? (record(stage).groups as unknown[]) : [];
  groups.forEach((group, index) => {
    const value = form(record(group).maxConcurrency);
    const overCount = (count(value) ?? 0) > (stageCount ?? MAX_STAGE_CONCURRENCY);
    const overPercent = percent(value) !== undefined && percent(stageValue) !== undefined && (percent(value) ?? 0) > (percent(stageValue) ?? 0);
    if (overCount || overPercent) {
      ctx.addIssue({ code: 'custom', path: ['groups', index, 'maxConcurrency'], message: `must not exceed the stage's maxConcurrency (${stageValue ?? `default ${MAX_STAGE_CONCURRENCY}`})` });
    }
  });
}
