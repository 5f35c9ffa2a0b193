/**
 * A stand-in for `@azure/functions-core`, the virtual module the real Node.js worker supplies.
 * `@azure/functions` requires it lazily on the first `app.*` call and caches the answer; when it is missing the
 * library silently drops every registration ("test mode"). Installing this proxy before the app loads makes the
 * library hand us the real registrations (name, bindings, handler), so the local host serves exactly what Azure would.
 */
import Module from 'node:module';

export interface RegisteredBinding {
  readonly type: string;
  readonly direction: 'in' | 'out';
  readonly [key: string]: unknown;
}

export interface RegisteredFunction {
  readonly name: string;
  readonly bindings: Readonly<Record<string, RegisteredBinding>>;
  readonly handler: (...args: unknown[]) => unknown;
}

interface ShimState {
  registry: Map<string, RegisteredFunction>;
  installed: boolean;
  /** The app called app.setup({ enableHttpStream: true }). */
  httpStream: boolean;
}

// Process-wide: vitest re-evaluates modules per test file while Module.prototype stays shared per worker.
const STATE_KEY = Symbol.for('fleet-conductor.functions-core-shim');
const globalState = globalThis as unknown as Record<symbol, ShimState | undefined>;
const state: ShimState = (globalState[STATE_KEY] ??= { registry: new Map(), installed: false, httpStream: false });
state.httpStream ??= false;

/**
 * What @azure/functions 4.x writes to the worker's system log when the app enables HTTP streams (src/setup.ts of
 * Azure/azure-functions-nodejs-library: `workerSystemLog('debug', 'HTTP streaming enabled.')`). The real worker learns
 * it by asking the programming model for its capabilities, which starts the library's proxy server; this stand-in
 * reads the library's own announcement instead, so the local host streams exactly when Azure would.
 */
const HTTP_STREAM_ENABLED = 'HTTP streaming enabled.';

const coreApi = {
  version: '0.0.0-fleet-conductor-devhost',
  hostVersion: '0.0.0-fleet-conductor-devhost',
  registerFunction(metadata: { name: string; bindings: Record<string, RegisteredBinding> }, handler: RegisteredFunction['handler']) {
    if (state.registry.has(metadata.name)) {
      // The real host refuses duplicate function names at startup; so do we, loudly.
      throw new Error(`A function named "${metadata.name}" is already registered`);
    }
    state.registry.set(metadata.name, { name: metadata.name, bindings: metadata.bindings, handler });
    return { dispose: () => state.registry.delete(metadata.name) };
  },
  registerHook() {
    return { dispose() {} };
  },
  setProgrammingModel() {},
  getProgrammingModel() {
    return undefined;
  },
  log(level: string, category: string, message: string) {
    if (message === HTTP_STREAM_ENABLED) state.httpStream = true;
    if (level !== 'debug' && level !== 'trace') console.log(`[${category}:${level}] ${message}`);
  },
};

/** Installs the stand-in. Must run before the first `app.*` call of the process. Idempotent. */
export function installFunctionsCoreShim(): void {
  if (state.installed) return;
  const proto = (Module as unknown as { prototype: { require: (id: string) => unknown } }).prototype;
  proto.require = new Proxy(proto.require, {
    apply(target, self: unknown, args: [string]) {
      return args[0] === '@azure/functions-core' ? coreApi : Reflect.apply(target, self, args);
    },
  });
  state.installed = true;
}

/** Every function registered so far in this process, by name. */
export function registeredFunctions(): ReadonlyMap<string, RegisteredFunction> {
  return state.registry;
}

/** Whether the loaded app asked for HTTP streams (app.setup({ enableHttpStream: true })). */
export function httpStreamEnabled(): boolean {
  return state.httpStream;
}

/** Forgets registrations (tests that load a different app in the same worker). */
export function clearRegisteredFunctions(): void {
  state.registry.clear();
}
