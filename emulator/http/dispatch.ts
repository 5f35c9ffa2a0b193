import { randomUUID } from 'node:crypto';
import { armErrorResponse } from '../arm/armError';
import { handleArm } from '../arm/armService';
import { handleControl } from '../control/controlApi';
import { defaultCode, type FaultService } from '../control/faults';
import type { ServiceName } from '../control/requestLog';
import type { EmulatorCore } from '../emulatorCore';
import type { EmulatorRequest, EmulatorResponse } from '../httpTypes';
import { authFailure } from './authCheck';
import { authorizeArm, handlePermissions } from '../authz/authorizeArm';

const LOGS_PATH = /^(?:\/v1)?\/workspaces\/([^/]+)\/query\/?$/i;
const TEAMS_PATH = /^\/teams\/workflows\/([^/]+)\/?$/;
const WEBHOOK_PATH = /^\/webhooks\/([^/]+)\/?$/;

export function classify(path: string): ServiceName {
  if (path.startsWith('/_emulator')) return 'control';
  if (LOGS_PATH.test(path)) return 'logs';
  if (TEAMS_PATH.test(path)) return 'teams';
  if (WEBHOOK_PATH.test(path)) return 'webhook';
  if (/^\/(subscriptions|providers)\//i.test(path)) return 'arm';
  return 'unknown';
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * One request through the emulator: (Log Analytics: the per-user query throttle,) fault injection, bearer check
 * (ARM, Log Analytics), then the service.
 * Returns whether an injected fault produced the response, for the request log.
 */
export async function dispatch(core: EmulatorCore, request: EmulatorRequest, service: ServiceName, baseUrl: string): Promise<{ response: EmulatorResponse; faulted: boolean }> {
  if (service !== 'logs') return serve(core, request, service, baseUrl);
  // Log Analytics' per-user throttle stands in front of everything (`logs/throttle/QueryThrottle.ts`): a refused
  // query (429) consumes no fault, and an admitted one holds its running slot through any injected latency until it
  // is answered, so a latency fault makes queries overlap and queue as slow queries do in Azure. A request that then
  // fails the bearer check was counted too, against the shared budget (no token names its caller): harsher reading.
  const admission = await core.logs.admit(request);
  if (!admission.admitted) return { response: admission.response, faulted: false };
  try {
    return await serve(core, request, service, baseUrl);
  } finally {
    admission.release();
  }
}

async function serve(core: EmulatorCore, request: EmulatorRequest, service: ServiceName, baseUrl: string): Promise<{ response: EmulatorResponse; faulted: boolean }> {
  const path = request.url.pathname;
  const faultService: FaultService | undefined = service === 'arm' || service === 'logs' ? service : service === 'teams' || service === 'webhook' ? 'teams' : undefined;
  const fault = faultService ? core.faults.take(faultService, request.method, path) : undefined;
  if (fault?.latencyMs) await sleep(fault.latencyMs);
  if (fault?.status !== undefined && !(service === 'logs' && fault.partial)) {
    const retry: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
    return { response: armErrorResponse(fault.status, fault.code ?? defaultCode(fault.status), `Injected fault #${fault.id} (${fault.service}).`, retry), faulted: true };
  }
  const tenant = core.scenario.tenantId;
  switch (service) {
    case 'control':
      return { response: await handleControl(core, request), faulted: false };
    case 'teams':
      return { response: core.webhooks.handle('teams', TEAMS_PATH.exec(path)?.[1] ?? '', request), faulted: false };
    case 'webhook':
      return { response: core.webhooks.handle('webhook', WEBHOOK_PATH.exec(path)?.[1] ?? '', request), faulted: false };
    case 'logs': {
      const denied = authFailure(request, 'logs', tenant);
      if (denied) return { response: denied, faulted: false };
      if (request.method.toUpperCase() !== 'POST') return { response: armErrorResponse(405, 'MethodNotAllowed', 'Use POST for queries.'), faulted: false };
      // The logs service syncs the simulation itself (once per query, through its telemetry source).
      const workspaceId = decodeURIComponent(LOGS_PATH.exec(path)?.[1] ?? '');
      const response = await core.logs.query(request, workspaceId, { partialFailure: fault?.partial === true });
      return { response, faulted: fault?.partial === true };
    }
    case 'arm': {
      const denied = authFailure(request, 'arm', tenant);
      if (denied) return { response: denied, faulted: false };
      const permissions = handlePermissions(request, core.roles);
      if (permissions) return { response: permissions, faulted: false };
      const forbidden = authorizeArm(request, core.roles);
      if (forbidden) return { response: forbidden, faulted: false };
      return { response: handleArm(request, { sim: core.sim, lro: core.lro, pageSize: core.scenario.pageSize, retired: core.retired }, baseUrl), faulted: false };
    }
    case 'identity':
    case 'unknown':
      return { response: armErrorResponse(404, 'NotFound', `Nothing is served at ${path}.`), faulted: false };
  }
}

export function requestIds(request: EmulatorRequest): Record<string, string> {
  const id = randomUUID();
  return {
    'x-ms-request-id': id,
    'x-ms-correlation-request-id': request.headers['x-ms-correlation-request-id'] ?? id,
    ...(request.headers['x-ms-client-request-id'] ? { 'x-ms-client-request-id': request.headers['x-ms-client-request-id'] } : {}),
  };
}
