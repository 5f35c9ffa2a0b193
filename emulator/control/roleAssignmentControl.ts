import { BUILT_IN_ROLES, type RolePermissions } from '../authz/builtInRoles';
import type { RoleAssignment } from '../authz/roleAssignments';
import { asObject, invalid, ok, type ControlRoute } from './controlRoute';

const ASSIGNMENT_FIELDS = ['scope', 'roleDefinitionName', 'permissions'];
const PERMISSION_FIELDS = ['actions', 'notActions', 'dataActions', 'notDataActions'];
const SCOPE = /^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+(\/providers\/[^/]+(\/[^/]+\/[^/]+)+)?)?$/i;

function strings(value: unknown, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return invalid(`'${what}' must be a list of strings.`);
  return value as string[];
}

function parseAssignment(raw: unknown, i: number): RoleAssignment {
  const a = asObject(raw);
  for (const key of Object.keys(a)) if (!ASSIGNMENT_FIELDS.includes(key)) invalid(`value[${i}]: unknown field '${key}' (known: ${ASSIGNMENT_FIELDS.join(', ')}).`);
  if (typeof a.scope !== 'string' || !SCOPE.test(a.scope)) invalid(`value[${i}].scope must be a subscription, resource group or resource id.`);
  const scope = String(a.scope);
  if ((a.roleDefinitionName === undefined) === (a.permissions === undefined)) invalid(`value[${i}]: give exactly one of 'roleDefinitionName' (a built-in role) or 'permissions' (a custom role).`);
  if (a.roleDefinitionName !== undefined) {
    if (typeof a.roleDefinitionName !== 'string') return invalid(`value[${i}].roleDefinitionName must be a string.`);
    const name = a.roleDefinitionName;
    const permissions = BUILT_IN_ROLES[name];
    if (!permissions) return invalid(`value[${i}].roleDefinitionName '${name}' is not a built-in role the emulator knows (${Object.keys(BUILT_IN_ROLES).join(', ')}); give 'permissions' instead.`);
    return { scope, roleName: name, permissions };
  }
  const p = asObject(a.permissions);
  for (const key of Object.keys(p)) if (!PERMISSION_FIELDS.includes(key)) invalid(`value[${i}].permissions: unknown field '${key}' (known: ${PERMISSION_FIELDS.join(', ')}).`);
  const permissions: RolePermissions = {
    actions: strings(p.actions, `value[${i}].permissions.actions`),
    notActions: strings(p.notActions, `value[${i}].permissions.notActions`),
    dataActions: strings(p.dataActions, `value[${i}].permissions.dataActions`),
    notDataActions: strings(p.notDataActions, `value[${i}].permissions.notDataActions`),
  };
  return { scope, roleName: 'custom', permissions };
}

/** `/_emulator/roleAssignments`: the app identity's role assignments (emulator/README.md, "Access control"). */
export const roleAssignmentRoutes: ControlRoute[] = [
  {
    method: 'PUT', pattern: /^\/_emulator\/roleAssignments$/,
    handle: (core, body) => {
      const b = asObject(body);
      for (const key of Object.keys(b)) if (key !== 'value') invalid(`Unknown field '${key}' (give { "value": [ ... ] }).`);
      if (!Array.isArray(b.value)) invalid("'value' must be a list of role assignments.");
      const assignments = (b.value as unknown[]).map(parseAssignment);
      core.roles.set(assignments);
      return ok({ value: assignments });
    },
  },
  { method: 'GET', pattern: /^\/_emulator\/roleAssignments$/, handle: (core) => ok({ configured: core.roles.configured, value: core.roles.list() ?? [] }) },
  {
    method: 'DELETE', pattern: /^\/_emulator\/roleAssignments$/,
    handle: (core) => {
      core.roles.set(undefined);
      return { status: 204 };
    },
  },
];
