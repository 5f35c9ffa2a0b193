/** One `value[]` item of `GET {scope}/providers/Microsoft.Authorization/permissions` (2022-04-01, `Permission`). */
export interface PermissionEntry {
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
}

/** Azure's action matching: `*` stands for any run of characters; comparison is case-insensitive. */
function matches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(action);
}

/**
 * Whether the effective permissions grant `action`: some entry lists it in `actions` and does not exclude it in its
 * own `notActions` (Microsoft Learn, "Understand Azure role definitions": NotActions subtract from that role's
 * Actions only; the effective permissions are the union over the caller's roles). Deny assignments are not in
 * this response and are not considered.
 */
export function grantsAction(entries: readonly PermissionEntry[], action: string): boolean {
  return entries.some((e) => e.actions.some((a) => matches(a, action)) && !e.notActions.some((n) => matches(n, action)));
}
