import type { AttributeValue } from '@opentelemetry/api';
import type { Services } from './createServices';
import { ATTR, fleetName } from '../adapters/telemetry/telemetryAttributes';
import type { ConductorTelemetry } from '../adapters/telemetry/ConductorTelemetry';

type Attrs = Record<string, AttributeValue | undefined>;
type AsyncMethod = (...args: never[]) => Promise<unknown>;
type Methods = { [K in keyof Services as Services[K] extends AsyncMethod ? K : never]: Services[K] };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** What each use case's span carries: fleet, run and gate from the call, and a summary of the result. */
const DESCRIBE: { readonly [K in keyof Methods]?: { readonly args?: (...args: Parameters<Methods[K]>) => Attrs; readonly result?: (r: Awaited<ReturnType<Methods[K]>>) => Attrs } } = {
  reconcileAllFleets: {
    result: (r) => ({
      [ATTR.fleets]: r.fleets.length,
      [ATTR.gates]: r.fleets.reduce((n, f) => n + f.gates, 0),
      [ATTR.errors]: r.fleets.reduce((n, f) => n + f.errors.length, 0),
    }),
  },
  pollReleases: { result: (r) => ({ [ATTR.fleets]: r.fleets.length, [ATTR.errors]: r.fleets.filter((f) => f.error !== undefined).length }) },
  handleFleetGateEvent: { result: (r) => ({ [ATTR.outcome]: str((r as { kind?: unknown }).kind) }) },
  handleAksEvent: { result: (r) => ({ [ATTR.outcome]: str((r as { kind?: unknown }).kind) }) },
  getRunDetail: { args: (fleet, run) => ({ [ATTR.fleet]: fleet, [ATTR.run]: run }) },
  listRunEvents: { args: (fleet, run) => ({ [ATTR.fleet]: fleet, [ATTR.run]: run }) },
  stopRun: { args: (fleet, run) => ({ [ATTR.fleet]: fleet, [ATTR.run]: run }) },
  resumeRun: { args: (fleet, run) => ({ [ATTR.fleet]: fleet, [ATTR.run]: run }) },
  abandonRun: { args: (fleet, run) => ({ [ATTR.fleet]: fleet, [ATTR.run]: run }) },
  skipRunTargets: { args: (fleet, run) => ({ [ATTR.fleet]: fleet, [ATTR.run]: run }) },
  retryGate: { args: (fleet, run, gate) => ({ [ATTR.fleet]: fleet, [ATTR.run]: run, [ATTR.gate]: gate }) },
  overrideGate: { args: (fleet, run, gate) => ({ [ATTR.fleet]: fleet, [ATTR.run]: run, [ATTR.gate]: gate }) },
  pauseFleet: { args: (fleet) => ({ [ATTR.fleet]: fleet }) },
  unpauseFleet: { args: (fleet) => ({ [ATTR.fleet]: fleet }) },
  getFleetView: { args: (fleet) => ({ [ATTR.fleet]: fleet }) },
  getFleetPlan: { args: (fleet) => ({ [ATTR.fleet]: fleet }) },
  getPreflight: { args: (fleet) => ({ [ATTR.fleet]: fleet }) },
};

/** Outcome kinds of the operator and approval use cases (`{ kind: ... }` or `{ ok: ... }`), never their payload. */
function outcomeOf(result: unknown): Attrs {
  if (result === null || typeof result !== 'object') return {};
  const r = result as { kind?: unknown; status?: unknown; ok?: unknown };
  const outcome = str(r.kind) ?? str(r.status) ?? (typeof r.ok === 'boolean' ? (r.ok ? 'ok' : 'refused') : undefined);
  return { [ATTR.outcome]: outcome };
}

/**
 * Every use case the bindings call runs in its own span (`conductor.<use case>`, e.g. `conductor.reconcileAllFleets`),
 * so the decision spans the stores emit (instrumentStores) nest under the reconcile, evaluation or request that made
 * them. Arguments are never copied wholesale: only fleet, run and gate names, and the result's outcome kind.
 */
export function instrumentServices(services: Services, telemetry: ConductorTelemetry): Services {
  const wrapped: Record<string, unknown> = { ...services };
  for (const [name, value] of Object.entries(services)) {
    if (typeof value !== 'function') continue;
    const describe = DESCRIBE[name as keyof Methods] as { args?: (...a: unknown[]) => Attrs; result?: (r: unknown) => Attrs } | undefined;
    const method = value as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = (...args: unknown[]) => {
      const attrs = describe?.args?.(...args) ?? {};
      const fleet = attrs[ATTR.fleet];
      if (typeof fleet === 'string') attrs[ATTR.fleet] = fleetName(fleet);
      return telemetry.span(`conductor.${name}`, attrs, () => method.apply(services, args), (r) => ({ ...outcomeOf(r), ...(describe?.result?.(r) ?? {}) }));
    };
  }
  return wrapped as unknown as Services;
}
