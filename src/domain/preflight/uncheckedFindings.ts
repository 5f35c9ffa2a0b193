import type { FailedCall } from './checkPermissions';
import type { PreflightFinding } from './preflightFinding';

/**
 * A read that failed for another reason than a refusal (throttling, a server error, a bad endpoint) leaves the
 * checks needing it undone; saying so keeps "no findings" from reading as "all clear". Refusals (403) are
 * permission findings instead.
 */
export function uncheckedFindings(failed: readonly FailedCall[]): PreflightFinding[] {
  return failed
    .filter((c) => c.error.status !== 403)
    .map((c) => ({
      area: 'permissions' as const,
      code: 'CallFailed',
      severity: 'warning' as const,
      subject: c.scope,
      message: `Could not ${c.call} (${c.error.status}${c.error.code ? ` ${c.error.code}` : ''}); the checks that need it were not made.`,
      evidence: { call: c.call, scope: c.scope, status: c.error.status, ...(c.error.code ? { code: c.error.code } : {}), error: c.error.message },
      fix: 'Run the preflight again; if it persists, check the endpoint and the service health of that scope.',
    }));
}
