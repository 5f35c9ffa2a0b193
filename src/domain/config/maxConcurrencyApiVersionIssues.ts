import type { ConfigIssue } from '../gates/configIssue';

/** Fleet strategies carry `maxConcurrency` from api-version 2026-02-01-preview on (and in stable 2026-06-01; docs/azure-apis.md §7). */
export const FIRST_MAX_CONCURRENCY_API_VERSION = '2026-02-01';

/** Whether Fleet's strategy schema at this api-version has `maxConcurrency` (an older one would drop it unannounced). */
export function apiVersionCarriesMaxConcurrency(apiVersion: string): boolean {
  return apiVersion.slice(0, 10) >= FIRST_MAX_CONCURRENCY_API_VERSION;
}

const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined);

/**
 * Every `maxConcurrency` of config-as-code (the decoded document, already valid) that the configured Fleet api-version
 * cannot carry, each at its path. A setting and a file that only fail together: without this the strategy write
 * would be refused at the first reconcile or run creation instead of at load.
 */
export function maxConcurrencyApiVersionIssues(document: unknown, fleetApiVersion: string): ConfigIssue[] {
  if (apiVersionCarriesMaxConcurrency(fleetApiVersion)) return [];
  const message = `FLEET_API_VERSION ${fleetApiVersion} has no maxConcurrency on update strategies (Fleet added it in ${FIRST_MAX_CONCURRENCY_API_VERSION}-preview); set FLEET_API_VERSION to ${FIRST_MAX_CONCURRENCY_API_VERSION}-preview or later (e.g. 2026-06-01), or remove this field`;
  const issues: ConfigIssue[] = [];
  list(field(document, 'strategies')).forEach((strategy, i) =>
    list(field(strategy, 'stages')).forEach((stage, j) => {
      const at = `strategies[${i}].stages[${j}]`;
      if (field(stage, 'maxConcurrency') !== undefined) issues.push({ path: `${at}.maxConcurrency`, message });
      list(field(stage, 'groups')).forEach((group, k) => {
        if (field(group, 'maxConcurrency') !== undefined) issues.push({ path: `${at}.groups[${k}].maxConcurrency`, message });
      });
    }),
  );
  return issues;
}
