import type { RolePermissions } from './builtInRoles';

/** One role assignment of the app's identity: a role's permissions at a scope (a subscription, resource group or resource id). */
export interface RoleAssignment {
  readonly scope: string;
  readonly roleName: string;
  readonly permissions: RolePermissions;
}

/** Azure's action matching: `*` stands for any run of characters; case-insensitive (Microsoft Learn, "Understand Azure role definitions"). */
function matches(pattern: string, action: string): boolean {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`, 'i').test(action);
}

/** Whether `scope` is `ancestor` or lies below it (whole path segments, case-insensitive). */
function within(scope: string, ancestor: string): boolean {
  const s = scope.toLowerCase().replace(/\/+$/, '');
  const a = ancestor.toLowerCase().replace(/\/+$/, '');
  return s === a || s.startsWith(`${a}/`);
}

/**
 * The role assignments of the app's identity. Unconfigured (the default, and after a scenario load) the identity is
 * unrestricted, as if it held Owner on every subscription of the world, so worlds that do not model access behave
 * as before; once set, ARM requests are authorized against them (an assignment applies at its scope and below).
 */
export class RoleAssignments {
  private assignments: readonly RoleAssignment[] | undefined;

  get configured(): boolean {
    return this.assignments !== undefined;
  }

  set(assignments: readonly RoleAssignment[] | undefined): void {
    this.assignments = assignments;
  }

  list(): readonly RoleAssignment[] | undefined {
    return this.assignments;
  }

  /** The permission blocks in effect at `scope`: one per assignment at it or above it. */
  effective(scope: string): readonly RolePermissions[] {
    if (this.assignments === undefined) return [{ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }];
    return this.assignments.filter((a) => within(scope, a.scope)).map((a) => a.permissions);
  }

  /** Whether some assignment in effect at `scope` grants `action` and does not exclude it in its own notActions. */
  permits(scope: string, action: string): boolean {
    return this.effective(scope).some((p) => p.actions.some((a) => matches(a, action)) && !p.notActions.some((n) => matches(n, action)));
  }
}
