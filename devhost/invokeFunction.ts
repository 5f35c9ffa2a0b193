import { randomUUID } from 'node:crypto';
import { InvocationContext } from '@azure/functions';
import type { RegisteredFunction } from './functionsCoreShim';
import type { HostLog } from './hostLog';

// This project compiles to CommonJS on purpose: under native ESM the named class exports of this webpack-bundled
// package are invisible (docs/local-runtime.md §1c), and a default import is undefined under CommonJS.

export interface Invocation {
  readonly invocationId: string;
  readonly result: unknown;
}

export class InvocationFailedError extends Error {
  constructor(
    readonly functionName: string,
    readonly invocationId: string,
    cause: unknown,
  ) {
    super(`Function '${functionName}' failed (Id=${invocationId})`, { cause });
    this.name = 'InvocationFailedError';
  }
}

/**
 * Runs one invocation the way the host does: a fresh InvocationContext whose log lines carry the function name
 * and invocation id, "Executing"/"Executed" lines with the reason and duration, and a typed failure.
 */
export async function invokeFunction(
  fn: RegisteredFunction,
  triggerInput: unknown,
  options: { reason: string; log: HostLog; triggerMetadata?: Record<string, unknown> },
): Promise<Invocation> {
  const invocationId = randomUUID();
  const { log } = options;
  const context = new InvocationContext({
    invocationId,
    functionName: fn.name,
    ...(options.triggerMetadata ? { triggerMetadata: options.triggerMetadata } : {}),
    logHandler: (level, ...args) => {
      log(`[${fn.name}] [${level}] ${args.map((a) => (typeof a === 'string' ? a : safeStringify(a))).join(' ')} (Id=${invocationId})`);
    },
  });
  log(`Executing 'Functions.${fn.name}' (Reason='${options.reason}', Id=${invocationId})`);
  const started = performance.now();
  try {
    const result = await fn.handler(triggerInput, context);
    log(`Executed 'Functions.${fn.name}' (Succeeded, Id=${invocationId}, Duration=${Math.round(performance.now() - started)}ms)`);
    return { invocationId, result };
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : safeStringify(error);
    log(`Executed 'Functions.${fn.name}' (Failed, Id=${invocationId}, Duration=${Math.round(performance.now() - started)}ms)\n${detail}`);
    throw new InvocationFailedError(fn.name, invocationId, error);
  }
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch (error) {
    return `[unserialisable: ${error instanceof Error ? error.message : 'unknown'}]`;
  }
}
