import type { HttpRequest } from '@azure/functions';
import type { RequestParameters } from './requestParameters';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `{gateId}` route parameter: a Fleet gate name is a GUID. */
export function gateIdParameter(params: RequestParameters, request: HttpRequest): string {
  const value = request.params.gateId ?? '';
  if (!GUID.test(value)) params.errors.push({ parameter: 'gateId', message: 'must be a gate GUID' });
  return value.toLowerCase();
}
