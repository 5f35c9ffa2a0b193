import type { EmulatorResponse } from '../httpTypes';

/** An ARM error: every handler failure ends up as `{ error: { code, message, ... } }` with this status. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ArmError';
  }
}

export function armErrorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): EmulatorResponse {
  return {
    status,
    headers: { 'x-ms-failure-cause': status >= 500 ? 'service' : 'gateway', ...headers },
    body: { error: { code, message, target: null, details: [], additionalInfo: [] } },
  };
}

export function toErrorResponse(error: ArmError): EmulatorResponse {
  return armErrorResponse(error.status, error.code, error.message, { ...error.headers });
}

export const notFound = (type: string, name: string, rg?: string): ArmError =>
  new ArmError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}' under resource group '${rg ?? ''}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );

export const badRequest = (message: string, code = 'BadRequest'): ArmError => new ArmError(400, code, message);

export const conflict = (message: string, code = 'Conflict'): ArmError => new ArmError(409, code, message);
