import { grantsAction, type PermissionEntry } from './permissionMatch';
import type { PreflightFinding } from './preflightFinding';
import { grantFix, REQUIRED_ACTIONS, requiredAction, type ActionScope } from './requiredActions';

/** The answer of the permissions call at one scope, or why it failed. */
export interface ScopePermissions {
  readonly scope: string;
  readonly kind: Extract<ActionScope, 'fleet' | 'memberResourceGroup'>;
  /** Members whose clusters sit in this scope (for member resource groups). */
  readonly members?: readonly string[];
  readonly result: { readonly entries: readonly PermissionEntry[] } | { readonly failure: CallError };
}

export interface CallError {
  readonly status: number;
  readonly code?: string;
  readonly message: string;
}

/** A call the preflight made that failed, with the action it needs. */
export interface FailedCall {
  readonly call: string;
  readonly scope: string;
  readonly scopeKind: ActionScope;
  readonly action: string;
  readonly error: CallError;
}

const key = (scope: string, action: string): string => `${scope.toLowerCase()}|${action.toLowerCase()}`;

/**
 * Permission findings: each required action missing at the scope where Conductor calls it (from the permissions
 * call), and each call the preflight made that was refused (403), with the action, the scope and a role that grants
 * it. A refusal of an action already reported missing is added to that finding's evidence, not reported twice.
 */
export function checkPermissions(scopes: readonly ScopePermissions[], failedCalls: readonly FailedCall[]): PreflightFinding[] {
  const findings = new Map<string, PreflightFinding>();
  for (const s of scopes) {
    if ('failure' in s.result) {
      findings.set(key(s.scope, '*'), {
        area: 'permissions',
        code: 'PermissionsUnreadable',
        severity: 'warning',
        subject: s.scope,
        message: `Could not read the app's permissions on ${s.scope} (${s.result.failure.status}${s.result.failure.code ? ` ${s.result.failure.code}` : ''}); the actions needed there are unchecked.`,
        evidence: { scope: s.scope, status: s.result.failure.status, error: s.result.failure.message },
        fix: `Grant the app's identity 'Microsoft.Authorization/permissions/read' on ${s.scope} (in the deployment's catalogue reader role, or the built-in 'Reader').`,
      });
      continue;
    }
    const entries = s.result.entries;
    for (const required of REQUIRED_ACTIONS.filter((a) => a.scope === s.kind)) {
      if (grantsAction(entries, required.action)) continue;
      findings.set(key(s.scope, required.action), {
        area: 'permissions',
        code: 'MissingPermission',
        severity: 'error',
        subject: s.scope,
        message: `The app's identity lacks ${required.action} on ${s.scope}, needed to ${required.why}${s.members?.length ? ` (members ${s.members.join(', ')})` : ''}.`,
        evidence: { scope: s.scope, action: required.action, ...(s.members ? { members: s.members } : {}), effectivePermissions: entries },
        fix: grantFix(required, s.scope),
      });
    }
  }
  for (const call of failedCalls) {
    if (call.error.status !== 403) continue;
    const k = key(call.scope, call.action);
    const existing = findings.get(k);
    const refusal = { call: call.call, status: call.error.status, ...(call.error.code ? { code: call.error.code } : {}), error: call.error.message };
    if (existing) {
      findings.set(k, { ...existing, evidence: { ...existing.evidence, refusedCalls: [...((existing.evidence.refusedCalls as unknown[] | undefined) ?? []), refusal] } });
      continue;
    }
    const required = requiredAction(call.scopeKind, call.action) ?? { action: call.action, scope: call.scopeKind, why: call.call, builtInRole: 'Reader' };
    findings.set(k, {
      area: 'permissions',
      code: 'CallForbidden',
      severity: 'error',
      subject: call.scope,
      message: `${call.call} was refused on ${call.scope}: the app's identity lacks ${call.action}.`,
      evidence: { scope: call.scope, action: call.action, refusedCalls: [refusal] },
      fix: grantFix(required, call.scope),
    });
  }
  return [...findings.values()];
}
