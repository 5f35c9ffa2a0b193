import type { PermissionEntry } from '../domain/preflight/permissionMatch';
import type { MaintenanceConfiguration } from '../domain/preflight/maintenanceWindow';
import type { CallError } from '../domain/preflight/checkPermissions';

// Preflight reads (ARM): what the app's identity may do, and the members' planned-maintenance windows.

/** A read that either answered or failed with ARM's status and code (a 403 is a finding, not an exception). */
export type ArmRead<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CallError };

export interface PreflightSource {
  /** `GET {scope}/providers/Microsoft.Authorization/permissions`: the caller's effective permissions on a resource group or resource. */
  listPermissions(scope: string): Promise<ArmRead<readonly PermissionEntry[]>>;
  /** `GET {cluster}/maintenanceConfigurations`: the cluster's planned-maintenance configurations (one list per cluster; ARM has no wider list). */
  listMaintenanceConfigurations(clusterResourceId: string): Promise<ArmRead<readonly MaintenanceConfiguration[]>>;
}
