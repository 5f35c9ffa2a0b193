import { RestError } from '@azure/core-rest-pipeline';
import { ArmRequestError } from './ArmTransport';

/** The HTTP status of a failed ARM call, raw (ArmRequestError) or typed SDK (RestError); undefined for anything else. */
export function armStatusOf(error: unknown): number | undefined {
  if (error instanceof ArmRequestError) return error.statusCode;
  if (error instanceof RestError) return error.statusCode;
  return undefined;
}
