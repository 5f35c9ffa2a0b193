import type { EmulatorRequest } from '../httpTypes';
import { ArmError } from './armError';

/** One routed ARM request: path parameters plus helpers every handler needs. */
export interface ArmContext {
  readonly request: EmulatorRequest;
  readonly params: Readonly<Record<string, string>>;
  readonly apiVersion: string;
  /** https://127.0.0.1:PORT as the client addressed us, for LRO URLs and nextLinks. */
  readonly baseUrl: string;
}

/** Parses the JSON body; malformed JSON is ARM's 400 InvalidRequestContent. */
export function jsonBody(ctx: ArmContext, required = true): unknown {
  const text = ctx.request.body.trim();
  if (text === '') {
    if (required) throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized: the body is empty.');
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ArmError(
      400,
      'InvalidRequestContent',
      `The request content was invalid and could not be deserialized: '${(error as Error).message}'.`,
    );
  }
}

export function objectField(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function requireObjectBody(ctx: ArmContext): Record<string, unknown> {
  const body = jsonBody(ctx);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ArmError(400, 'InvalidRequestContent', 'The request content must be a JSON object.');
  }
  return body as Record<string, unknown>;
}
