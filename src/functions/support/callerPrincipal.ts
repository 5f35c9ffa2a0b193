import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { CallerTrust } from '../../app/security/callerTrust';
import { problemResponse } from './problemResponse';

/** The signed-in caller as App Service authentication (Entra ID) reports it. */
export interface CallerPrincipal {
  readonly name: string;
  /** The tenant's object id (`oid`), lowercase: what identifies a person (one person is one approver). */
  readonly objectId: string;
  readonly roles: readonly string[];
  /** Group object ids (`groups` claims), for approval policies that admit a group. */
  readonly groups: readonly string[];
}

export const OPERATOR_ROLE = 'Conductor.Operator';

/** Why no caller could be established; every case is a 401/403 problem and changes nothing. */
export type CallerRefusal =
  /** No trusted principal source is configured (CONDUCTOR_PRINCIPAL_SOURCE / WEBSITE_AUTH_ENABLED). */
  | 'untrustedSource'
  /** No principal header: nobody signed in. */
  | 'unauthenticated'
  /** A principal header that is not an Entra ID principal with a name and an object id. */
  | 'unverifiedPrincipal';

export type CallerResult =
  | { readonly ok: true; readonly caller: CallerPrincipal }
  | { readonly ok: false; readonly refusal: CallerRefusal; readonly detail: string; readonly claimed: ClaimedPrincipal };

/** What a request claims (unverified), for the audit of a refused attempt: never used to decide anything. */
export interface ClaimedPrincipal {
  readonly name?: string;
  readonly objectId?: string;
}

interface EasyAuthPrincipal {
  auth_typ?: unknown;
  name_typ?: unknown;
  role_typ?: unknown;
  claims?: unknown;
}

const PRINCIPAL_HEADER = 'x-ms-client-principal';
const OID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const MAX_HEADER = 32_768;
const MAX_CLAIM = 1_024;

/**
 * The caller, only when the principal headers can be believed (see app/security/callerTrust.ts for the sources
 * and the Microsoft documentation they rely on) and they carry an Entra ID (`aad`) principal with a name and an
 * object id. Every approval and operator route goes through here (or through authorizeOperator), so the trust
 * rules apply to all of them alike.
 */
export function authenticateCaller(request: HttpRequest, trust: CallerTrust): CallerResult {
  const claimed = claimedPrincipal(request);
  if (!trust.trusted) return { ok: false, refusal: 'untrustedSource', detail: trust.reason ?? 'No trusted principal source is configured', claimed };
  const header = request.headers.get(PRINCIPAL_HEADER);
  if (header === null || header === '') return { ok: false, refusal: 'unauthenticated', detail: 'Sign in first (App Service authentication with Entra ID)', claimed };
  const caller = parsePrincipal(header, request.headers.get('x-ms-client-principal-idp'));
  if (caller === undefined) return { ok: false, refusal: 'unverifiedPrincipal', detail: 'The signed-in principal is not an Entra ID user with a name and an object id', claimed };
  return { ok: true, caller };
}

/** The HTTP answer for a refused caller. */
export function callerProblem(refusal: Extract<CallerResult, { ok: false }>): HttpResponseInit {
  switch (refusal.refusal) {
    case 'untrustedSource':
      return problemResponse(403, 'Forbidden', refusal.detail, { reason: refusal.refusal });
    case 'unauthenticated':
    case 'unverifiedPrincipal':
      return problemResponse(401, 'Unauthorized', refusal.detail, { reason: refusal.refusal });
    default: {
      const unreachable: never = refusal.refusal;
      return unreachable;
    }
  }
}

/**
 * The shared check of every operator route (stop, and the lifecycle routes): a trusted, signed-in caller with the
 * Conductor.Operator app role (from the principal, never from the body).
 */
export function authorizeOperator(request: HttpRequest, trust: CallerTrust, action: string): { readonly ok: true; readonly caller: CallerPrincipal } | { readonly ok: false; readonly response: HttpResponseInit } {
  const result = authenticateCaller(request, trust);
  if (!result.ok) return { ok: false, response: callerProblem(result) };
  if (!result.caller.roles.includes(OPERATOR_ROLE)) {
    return { ok: false, response: problemResponse(403, 'Forbidden', `${result.caller.name} lacks the ${OPERATOR_ROLE} role needed to ${action}`) };
  }
  return result;
}

function parsePrincipal(header: string, idpHeader: string | null): CallerPrincipal | undefined {
  if (header.length > MAX_HEADER) return undefined;
  let parsed: EasyAuthPrincipal;
  try {
    parsed = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as EasyAuthPrincipal;
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  // Entra ID only: other providers App Service supports (GitHub, Google, …) are not the tenant's identities.
  const idp = typeof parsed.auth_typ === 'string' ? parsed.auth_typ : idpHeader;
  if (idp?.toLowerCase() !== 'aad') return undefined;
  const claims = (Array.isArray(parsed.claims) ? (parsed.claims as unknown[]) : []).flatMap((c) => {
    if (typeof c !== 'object' || c === null) return [];
    const { typ, val } = c as { typ?: unknown; val?: unknown };
    return typeof typ === 'string' && typeof val === 'string' && val !== '' && val.length <= MAX_CLAIM && !hasControl(val) ? [{ typ, val }] : [];
  });
  const nameType = typeof parsed.name_typ === 'string' ? parsed.name_typ : 'name';
  const roleType = typeof parsed.role_typ === 'string' ? parsed.role_typ : 'roles';
  const name = claims.find((c) => c.typ === nameType)?.val;
  const objectId = claims.find((c) => c.typ === OID || c.typ === 'oid')?.val;
  if (name === undefined || objectId === undefined) return undefined;
  const roles = claims.filter((c) => c.typ === roleType || c.typ === 'roles').map((c) => c.val);
  const groups = claims.filter((c) => c.typ === 'groups').map((c) => c.val);
  return { name, objectId: objectId.toLowerCase(), roles, groups };
}

/** The name and object id a request claims, read leniently and capped, for audit only. */
function claimedPrincipal(request: HttpRequest): ClaimedPrincipal {
  // eslint-disable-next-line no-control-regex
  const cap = (v: string | null | undefined): string | undefined => (v === null || v === undefined || v === '' ? undefined : v.slice(0, 256).replace(/[\u0000-\u001f\u007f]/g, '?'));
  let name = cap(request.headers.get('x-ms-client-principal-name'));
  let objectId = cap(request.headers.get('x-ms-client-principal-id'));
  const header = request.headers.get(PRINCIPAL_HEADER);
  if (header !== null && header.length <= MAX_HEADER) {
    try {
      const parsed = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as EasyAuthPrincipal;
      const claims = Array.isArray(parsed.claims) ? (parsed.claims as { typ?: unknown; val?: unknown }[]) : [];
      const val = (pred: (typ: unknown) => boolean): string | undefined => {
        const found = claims.find((c) => typeof c === 'object' && c !== null && pred(c.typ))?.val;
        return typeof found === 'string' ? cap(found) : undefined;
      };
      name = val((t) => t === (parsed.name_typ ?? 'name')) ?? name;
      objectId = val((t) => t === OID || t === 'oid') ?? objectId;
    } catch {
      // Not even JSON: the claim is what the plain headers say.
    }
  }
  return { ...(name === undefined ? {} : { name }), ...(objectId === undefined ? {} : { objectId }) };
}

function hasControl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(value);
}
