import { ArmError, toErrorResponse } from '../arm/armError';
import type { EmulatorCore } from '../emulatorCore';
import type { EmulatorRequest, EmulatorResponse } from '../httpTypes';
import { asObject, invalid, ok, type ControlRoute } from './controlRoute';
import { ScenarioError } from '../scenario/scenarioError';
import { clusterEventRoutes } from './clusterControl';
import { eventGridControlRoutes } from './eventGridControl';
import { roleAssignmentRoutes } from './roleAssignmentControl';
import { stateSnapshot } from './stateSnapshot';

const coreRoutes: ControlRoute[] = [
  {
    method: 'POST', pattern: /^\/_emulator\/scenario$/,
    handle: (core, body) => {
      const b = asObject(body);
      const ref = typeof b.name === 'string' ? b.name : typeof b.path === 'string' ? b.path : typeof b.scenario === 'object' && b.scenario !== null ? b.scenario : b;
      const scenario = core.load(ref);
      return ok({ loaded: scenario.name, state: stateSnapshot(core.sim) });
    },
  },
  { method: 'GET', pattern: /^\/_emulator\/state$/, handle: (core) => ok(stateSnapshot(core.sim)) },
  {
    method: 'POST', pattern: /^\/_emulator\/clock$/,
    handle: (core, body) => {
      const b = asObject(body);
      if (b.advanceSeconds === undefined && b.speed === undefined) invalid("Give 'advanceSeconds' and/or 'speed'.");
      if (b.advanceSeconds !== undefined) {
        if (typeof b.advanceSeconds !== 'number' || !(b.advanceSeconds >= 0)) invalid("'advanceSeconds' must be a non-negative number.");
        core.advance(Number(b.advanceSeconds));
      }
      if (b.speed !== undefined) {
        if (typeof b.speed !== 'number' || !(b.speed >= 0)) invalid("'speed' must be a non-negative number.");
        core.setSpeed(Number(b.speed));
      }
      core.sim.sync();
      return ok({ now: core.sim.nowIso(), nowMs: core.sim.nowMs(), speed: core.sim.clock.speed });
    },
  },
  { method: 'GET', pattern: /^\/_emulator\/clock$/, handle: (core) => ok({ now: core.sim.nowIso(), nowMs: core.sim.nowMs(), speed: core.sim.clock.speed }) },
  { method: 'GET', pattern: /^\/_emulator\/api-versions$/, handle: (core) => ok({ retired: core.retired.list() }) },
  {
    // Retires api-versions now (replacing the list): from then on they are answered as Azure answers unknown ones.
    method: 'POST', pattern: /^\/_emulator\/api-versions$/,
    handle: (core, body) => {
      const retired = asObject(body).retired;
      if (!Array.isArray(retired) || !retired.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(-preview)?$/.test(v))) {
        invalid("'retired' must be an array of api-versions such as 2026-03-02-preview.");
      }
      core.retired.set(retired as string[]);
      return ok({ retired: core.retired.list() });
    },
  },
  { method: 'GET', pattern: /^\/_emulator\/faults$/, handle: (core) => ok({ value: core.faults.list() }) },
  { method: 'POST', pattern: /^\/_emulator\/faults$/, handle: (core, body) => ok(core.faults.add(body), 201) },
  {
    method: 'DELETE', pattern: /^\/_emulator\/faults$/,
    handle: (core) => {
      core.faults.clear();
      return { status: 204 };
    },
  },
  {
    method: 'GET', pattern: /^\/_emulator\/requests$/,
    handle: (core, _b, req) => {
      const q = req.url.searchParams;
      const since = q.get('since');
      return ok({ value: core.requests.query({ service: q.get('service'), method: q.get('method'), pathContains: q.get('pathContains'), ...(since ? { since: Number(since) } : {}) }) });
    },
  },
  {
    method: 'DELETE', pattern: /^\/_emulator\/requests$/,
    handle: (core) => {
      core.requests.clear();
      return { status: 204 };
    },
  },
  {
    method: 'GET', pattern: /^\/_emulator\/webhooks$/,
    handle: (core, _b, req) => {
      const kind = req.url.searchParams.get('kind');
      return ok({ value: core.webhooks.messages.filter((m) => !kind || m.kind === kind) });
    },
  },
  {
    method: 'DELETE', pattern: /^\/_emulator\/webhooks$/,
    handle: (core) => {
      core.webhooks.clear();
      return { status: 204 };
    },
  },
  {
    method: 'POST', pattern: /^\/_emulator\/lro$/,
    handle: (core, body) => {
      const style = asObject(body).style;
      if (style !== 'sync' && style !== 'async') invalid("'style' must be 'sync' or 'async'.");
      core.lro.style = style as 'sync' | 'async';
      return ok({ style });
    },
  },
  { method: 'GET', pattern: /^\/_emulator\/ca$/, handle: (core) => ({ status: 200, headers: { 'content-type': 'application/x-pem-file' }, body: core.caPem }) },
];

const ROUTES: ControlRoute[] = [...coreRoutes, ...clusterEventRoutes, ...eventGridControlRoutes, ...roleAssignmentRoutes];

/** The control API (docs/design.md §7 plus the extras in emulator/README.md). No bearer token needed. */
export async function handleControl(core: EmulatorCore, request: EmulatorRequest): Promise<EmulatorResponse> {
  try {
    const path = request.url.pathname.replace(/\/+$/, '');
    const matches = ROUTES.filter((r) => r.pattern.test(path));
    const route = matches.find((r) => r.method === request.method.toUpperCase());
    if (!route) {
      throw matches.length > 0
        ? new ArmError(405, 'MethodNotAllowed', `${request.method} is not supported on ${path}.`)
        : new ArmError(404, 'NotFound', `No control route ${request.method} ${path}. See emulator/README.md.`);
    }
    let body: unknown = undefined;
    if (request.body.trim() !== '') {
      try {
        body = JSON.parse(request.body);
      } catch (error) {
        invalid(`The body is not valid JSON: ${(error as Error).message}`);
      }
    } else if (request.method.toUpperCase() === 'POST') body = {};
    const params = (route.pattern.exec(path) ?? []).slice(1).map((p) => decodeURIComponent(p ?? ''));
    core.sim.sync();
    return await route.handle(core, body, request, params);
  } catch (error) {
    if (error instanceof ArmError) return toErrorResponse(error);
    if (error instanceof ScenarioError) return toErrorResponse(new ArmError(400, 'InvalidScenario', error.message));
    throw error;
  }
}
