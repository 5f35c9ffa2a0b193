import { ArmError } from '../arm/armError';

export type FaultService = 'arm' | 'logs' | 'eventgrid' | 'teams';

export interface FaultSpec {
  service: FaultService;
  method?: string;
  /** Regular expression tested against the request path (Event Grid: the delivery endpoint path). */
  pathPattern?: string;
  /** HTTP status to answer; absent with latencyMs = latency only. */
  status?: number;
  retryAfterSeconds?: number;
  /** How many matching requests the fault applies to; absent = until DELETE /_emulator/faults. */
  times?: number;
  latencyMs?: number;
  /** Log Analytics only: answer 200 with a PartialError instead of changing the status. */
  partial?: boolean;
  /** Error code in the envelope; defaults from the status. */
  code?: string;
  /**
   * The share (0–1] of matching requests the fault hits, drawn from a PRNG seeded with `seed` (default 1), so a test
   * replays the same hits for the same request order; absent = every matching request. Models throttling and
   * transient errors arriving at a rate, as ARM's do: 429 with Retry-After when a subscription or tenant exceeds its
   * request budget ("Understand how Azure Resource Manager throttles requests", Microsoft Learn), and 500/503 that
   * clients retry ("Troubleshoot common Azure deployment errors"; the SDKs' default retry policy retries 5xx).
   */
  probability?: number;
  seed?: number;
}

export interface Fault extends FaultSpec {
  readonly id: number;
  hits: number;
  readonly pattern?: RegExp;
  /** The seeded draw for `probability` (not serialized). */
  readonly draw?: () => number;
}

/** mulberry32: small, seeded, good enough to spread fault hits. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES: readonly FaultService[] = ['arm', 'logs', 'eventgrid', 'teams'];

export const defaultCode = (status: number): string =>
  ({ 400: 'BadRequest', 401: 'AuthenticationFailed', 403: 'AuthorizationFailed', 404: 'NotFound', 408: 'RequestTimeout', 409: 'Conflict', 412: 'PreconditionFailed', 429: 'TooManyRequests', 500: 'InternalServerError', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout' })[status] ?? `Http${status}`;

/** Injected failures, matched in order of registration; each match consumes one of `times`. */
export class FaultRegistry {
  private faults: Fault[] = [];
  private nextId = 1;

  add(raw: unknown): Fault {
    const spec = raw as Partial<FaultSpec> | null;
    if (!spec || !SERVICES.includes(spec.service as FaultService)) throw new ArmError(400, 'InvalidRequestContent', `'service' must be one of ${SERVICES.join(', ')}.`);
    if (spec.status === undefined && spec.latencyMs === undefined && !spec.partial) throw new ArmError(400, 'InvalidRequestContent', "Give 'status', 'latencyMs' or 'partial'.");
    if (spec.status !== undefined && (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599)) throw new ArmError(400, 'InvalidRequestContent', "'status' must be an HTTP status code.");
    let pattern: RegExp | undefined;
    if (spec.pathPattern !== undefined) {
      try {
        pattern = new RegExp(spec.pathPattern, 'i');
      } catch (error) {
        throw new ArmError(400, 'InvalidRequestContent', `'pathPattern' is not a valid regular expression: ${(error as Error).message}`);
      }
    }
    if (spec.probability !== undefined && !(typeof spec.probability === 'number' && spec.probability > 0 && spec.probability <= 1)) {
      throw new ArmError(400, 'InvalidRequestContent', "'probability' must be a number in (0, 1].");
    }
    if (spec.seed !== undefined && !Number.isInteger(spec.seed)) throw new ArmError(400, 'InvalidRequestContent', "'seed' must be an integer.");
    const draw = spec.probability === undefined ? undefined : seeded(spec.seed ?? 1);
    const fault: Fault = { ...(spec as FaultSpec), id: this.nextId++, hits: 0, ...(pattern ? { pattern } : {}) };
    if (draw) Object.defineProperty(fault, 'draw', { value: draw, enumerable: false });
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  list(): readonly Fault[] {
    return this.faults;
  }

  /** The first live fault matching this request; consumes one use. */
  take(service: FaultService, method: string, path: string): Fault | undefined {
    // A probabilistic fault draws once per matching request it sees; a miss lets the next fault (or none) answer.
    const fault = this.faults.find(
      (f) =>
        f.service === service &&
        (!f.method || f.method.toUpperCase() === method.toUpperCase()) &&
        (!f.pattern || f.pattern.test(path)) &&
        (f.probability === undefined || (f.draw?.() ?? 0) < f.probability),
    );
    if (!fault) return undefined;
    fault.hits++;
    if (fault.times !== undefined && fault.hits >= fault.times) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}
