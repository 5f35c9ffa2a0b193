import { requireApiVersion } from '../arm/apiVersions';
import { ArmError, armErrorResponse, toErrorResponse } from '../arm/armError';
import type { EmulatorRequest, EmulatorResponse } from '../httpTypes';
import { armAction } from './armAction';
import type { RoleAssignments } from './roleAssignments';

const PERMISSIONS = /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+(?:\/providers\/[^/]+(?:\/[^/]+\/[^/]+)+)?)\/providers\/Microsoft\.Authorization\/permissions\/?$/i;

/** Api-versions of `Permissions_ListForResourceGroup` / `Permissions_ListForResource` (azure-rest-api-specs, Microsoft.Authorization). */
const PERMISSIONS_API_VERSIONS = ['2015-07-01', '2018-01-01-preview', '2022-04-01', '2022-05-01-preview'];

/**
 * `GET {resource group or resource}/providers/Microsoft.Authorization/permissions`: the caller's effective
 * permissions there, `{ value: Permission[] }` with `actions`, `notActions`, `dataActions`, `notDataActions`
 * (azure-rest-api-specs specification/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/
 * authorization-RoleDefinitionsCalls.json, `PermissionGetResult`). Only those two scopes exist in the spec; a
 * subscription-level path is not served. Undefined when the request is not this operation.
 */
export function handlePermissions(request: EmulatorRequest, roles: RoleAssignments): EmulatorResponse | undefined {
  const m = PERMISSIONS.exec(request.url.pathname);
  if (!m) return undefined;
  try {
    if (request.method.toUpperCase() !== 'GET') throw new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${request.method}'.`);
    requireApiVersion(request.url.searchParams, 'permissions', PERMISSIONS_API_VERSIONS);
    return { status: 200, body: { value: roles.effective(m[1] ?? '').map((p) => ({ ...p })) } };
  } catch (error) {
    if (error instanceof ArmError) return toErrorResponse(error);
    throw error;
  }
}

/** The object id the emulator reports for the app's identity in authorization errors (tokens carry no real one). */
export const APP_PRINCIPAL_ID = '00000000-0000-4000-8000-0000000c0de0';

/**
 * ARM's authorization of a request against the identity's role assignments: 403 `AuthorizationFailed` naming the
 * action and scope, in ARM's wording, when no assignment at the request's scope or above grants the action. A
 * subscription-wide list needs the action at the subscription: no source settles whether ARM would instead filter
 * the list down to the resource groups the caller can read, so the harsher reading is taken. The permissions
 * operation itself lists the caller's own permissions and is answered for any caller (an empty list where it holds
 * none). Unconfigured assignments authorize everything.
 */
export function authorizeArm(request: EmulatorRequest, roles: RoleAssignments, principalId = APP_PRINCIPAL_ID): EmulatorResponse | undefined {
  if (!roles.configured) return undefined;
  const path = request.url.pathname.replace(/\/+$/, '');
  const action = armAction(request.method, path);
  if (action === undefined || roles.permits(path, action)) return undefined;
  return armErrorResponse(
    403,
    'AuthorizationFailed',
    `The client '${principalId}' with object id '${principalId}' does not have authorization to perform action '${action}' over scope '${path}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}
