import type { CallError } from '../../domain/preflight/checkPermissions';
import type { MaintenanceConfiguration, MaintenanceWindow } from '../../domain/preflight/maintenanceWindow';
import type { PermissionEntry } from '../../domain/preflight/permissionMatch';
import type { ArmRead, PreflightSource } from '../../ports';
import { ArmRequestError, type ArmTransport } from './ArmTransport';

/** Microsoft.Authorization permissions api-version (azure-rest-api-specs, Microsoft.Authorization/stable/2022-04-01). */
export const PERMISSIONS_API_VERSION = '2022-04-01';
/** An AKS stable api-version whose maintenance configurations carry `maintenanceWindow` (added in 2023-05-01). */
export const AKS_MAINTENANCE_API_VERSION = '2026-04-01';

interface PermissionJson {
  actions?: string[] | null;
  notActions?: string[] | null;
}

interface MaintenanceJson {
  name?: string;
  properties?: { maintenanceWindow?: MaintenanceWindow | null } | null;
}

function toCallError(error: unknown): CallError {
  if (error instanceof ArmRequestError) return { status: error.statusCode, ...(error.code ? { code: error.code } : {}), message: error.message };
  throw error;
}

/**
 * PreflightSource over raw ARM (the AKS client's pipeline): the typed SDKs have no permissions client here, and the
 * maintenance list needs only two fields. A failed call comes back as its status and code, so a 403 becomes a
 * finding naming the action instead of failing the preflight.
 */
export class ArmPreflightSource implements PreflightSource {
  constructor(private readonly arm: ArmTransport) {}

  async listPermissions(scope: string): Promise<ArmRead<readonly PermissionEntry[]>> {
    try {
      const items = (await this.arm.list(`${scope}/providers/Microsoft.Authorization/permissions`, PERMISSIONS_API_VERSION)) as PermissionJson[];
      return { ok: true, value: items.map((p) => ({ actions: p.actions ?? [], notActions: p.notActions ?? [] })) };
    } catch (error) {
      return { ok: false, error: toCallError(error) };
    }
  }

  async listMaintenanceConfigurations(clusterResourceId: string): Promise<ArmRead<readonly MaintenanceConfiguration[]>> {
    try {
      const items = (await this.arm.list(`${clusterResourceId}/maintenanceConfigurations`, AKS_MAINTENANCE_API_VERSION)) as MaintenanceJson[];
      return {
        ok: true,
        value: items.flatMap((c) => (c.name ? [{ name: c.name, ...(c.properties?.maintenanceWindow ? { maintenanceWindow: c.properties.maintenanceWindow } : {}) }] : [])),
      };
    } catch (error) {
      return { ok: false, error: toCallError(error) };
    }
  }
}
