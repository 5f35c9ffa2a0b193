/**
 * App Service authentication ("Easy Auth") puts the signed-in caller in `x-ms-client-principal` (base64 JSON with
 * claims) plus `-name`, `-id` and `-idp` headers, and strips any such headers a client sent itself. The local host
 * does the same with a configured development principal, so code that trusts these headers behaves as in Azure.
 */
export interface DevPrincipal {
  readonly name: string;
  readonly objectId: string;
  readonly identityProvider?: string;
  readonly roles?: readonly string[];
  readonly groups?: readonly string[];
}

const NAME_CLAIM = 'name';
const ROLE_CLAIM = 'roles';
const OID_CLAIM = 'http://schemas.microsoft.com/identity/claims/objectidentifier';

export const PRINCIPAL_HEADERS = [
  'x-ms-client-principal',
  'x-ms-client-principal-name',
  'x-ms-client-principal-id',
  'x-ms-client-principal-idp',
] as const;

export function principalHeaders(p: DevPrincipal): Record<string, string> {
  const idp = p.identityProvider ?? 'aad';
  const claims = [
    { typ: NAME_CLAIM, val: p.name },
    { typ: 'preferred_username', val: p.name },
    { typ: OID_CLAIM, val: p.objectId },
    ...(p.roles ?? []).map((val) => ({ typ: ROLE_CLAIM, val })),
    ...(p.groups ?? []).map((val) => ({ typ: 'groups', val })),
  ];
  const body = { auth_typ: idp, claims, name_typ: NAME_CLAIM, role_typ: ROLE_CLAIM };
  return {
    'x-ms-client-principal': Buffer.from(JSON.stringify(body), 'utf8').toString('base64'),
    'x-ms-client-principal-name': p.name,
    'x-ms-client-principal-id': p.objectId,
    'x-ms-client-principal-idp': idp,
  };
}
