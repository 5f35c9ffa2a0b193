import { ArmError } from '../arm/armError';
import type { EmulatorCore } from '../emulatorCore';
import type { EmulatorRequest, EmulatorResponse } from '../httpTypes';

export type ControlHandler = (core: EmulatorCore, body: unknown, request: EmulatorRequest, params: string[]) => EmulatorResponse | Promise<EmulatorResponse>;

export interface ControlRoute {
  method: string;
  pattern: RegExp;
  handle: ControlHandler;
}

export const invalid = (message: string): never => {
  throw new ArmError(400, 'InvalidRequestContent', message);
};

export const asObject = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : invalid('The body must be a JSON object.');

export const ok = (body: unknown, status = 200): EmulatorResponse => ({ status, body });
