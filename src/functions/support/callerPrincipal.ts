import type { HttpRequest } from '@azure/functions';

/** The signed-in caller as App Service authentication reports it. */
export interface CallerPrincipal {
  readonly name: string;
  readonly objectId?: string;
  readonly roles: readonly string[];
  /** Group object ids (`groups` claims), for approval policies that admit a group. */
  readonly groups: readonly string[];
}

export const OPERATOR_ROLE = 'Conductor.Operator';

interface EasyAuthPrincipal {
  auth_typ?: string;
  name_typ?: string;
  role_typ?: string;
  claims?: { typ?: string; val?: string }[];
}

const OID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';

/**
 * Reads `x-ms-client-principal` (base64 JSON claims). App Service authentication sets it and strips any the
 * client sent, so it can be trusted; without authentication in front of the app there is no caller.
 */
export function callerPrincipal(request: HttpRequest): CallerPrincipal | undefined {
  const header = request.headers.get('x-ms-client-principal');
  if (!header) return undefined;
  let parsed: EasyAuthPrincipal;
  try {
    parsed = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as EasyAuthPrincipal;
  } catch {
    return undefined; // a malformed header is no identity (and cannot be one forged by a client: Easy Auth strips them)
  }
  const claims = Array.isArray(parsed.claims) ? parsed.claims : [];
  const nameType = parsed.name_typ ?? 'name';
  const roleType = parsed.role_typ ?? 'roles';
  const name = claims.find((c) => c.typ === nameType)?.val ?? request.headers.get('x-ms-client-principal-name') ?? undefined;
  if (!name) return undefined;
  const objectId = claims.find((c) => c.typ === OID || c.typ === 'oid')?.val;
  const roles = claims.filter((c) => c.typ === roleType || c.typ === 'roles').map((c) => c.val ?? '').filter((r) => r !== '');
  const groups = claims.filter((c) => c.typ === 'groups').map((c) => c.val ?? '').filter((g) => g !== '');
  return { name, ...(objectId ? { objectId } : {}), roles, groups };
}
