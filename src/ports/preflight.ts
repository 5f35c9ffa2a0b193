import type { PermissionEntry } from '../domain/preflight/permissionMatch';
import type { MaintenanceConfiguration } from '../domain/preflight/maintenanceWindow';
import type { CallError } from '../domain/preflight/checkPermissions';
import type { PreflightReport } from '../domain/preflight/preflightFinding';
import type { PreflightTrigger } from '../domain/preflight/preflightDue';

// Preflight reads (ARM): what the app's identity may do, and the members' planned-maintenance windows.

/** A read that either answered or failed with ARM's status and code (a 403 is a finding, not an exception). */
export type ArmRead<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CallError };

export interface PreflightSource {
  /** `GET {scope}/providers/Microsoft.Authorization/permissions`: the caller's effective permissions on a resource group or resource. */
  listPermissions(scope: string): Promise<ArmRead<readonly PermissionEntry[]>>;
  /** `GET {cluster}/maintenanceConfigurations`: the cluster's planned-maintenance configurations (one list per cluster; ARM has no wider list). */
  listMaintenanceConfigurations(clusterResourceId: string): Promise<ArmRead<readonly MaintenanceConfiguration[]>>;
}


/** The latest preflight of a fleet the timer ran, with the configuration it saw. */
export interface StoredPreflight {
  readonly report: PreflightReport;
  /** SHA-256 (hex) of conductor.yaml as the process loaded it. */
  readonly configHash: string;
  readonly trigger: PreflightTrigger;
}

/** The latest stored preflight per fleet (Table Storage `Preflight`). */
export interface PreflightStore {
  getPreflight(fleetId: string): Promise<StoredPreflight | undefined>;
  /** Replaces the fleet's stored preflight. */
  putPreflight(stored: StoredPreflight): Promise<void>;
}
