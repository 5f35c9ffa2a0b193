import type { HttpRequest } from '@azure/functions';
import type { ParameterError } from './problemResponse';

const ARM_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// Fleet's UpdateState values, plus `Deleted`: history's state of a run that disappeared from Fleet.
export const UPDATE_STATES = ['NotStarted', 'Running', 'Stopping', 'Stopped', 'Skipped', 'Failed', 'Pending', 'Completed', 'Deleted'] as const;

/** Collects every parameter problem of one request, so a 400 names them all. */
export class RequestParameters {
  readonly errors: ParameterError[] = [];
  constructor(private readonly request: HttpRequest) {}

  private fail(parameter: string, message: string): undefined {
    this.errors.push({ parameter, message });
    return undefined;
  }

  /** A route parameter following ARM's name rule (lowercase letters, digits, inner hyphens). */
  name(parameter: string, maxLength: number): string {
    const value = this.request.params[parameter] ?? '';
    if (value.length < 1 || value.length > maxLength || !ARM_NAME.test(value)) {
      this.fail(parameter, `must be 1-${maxLength} lowercase letters, digits and inner hyphens`);
    }
    return value;
  }

  optionalName(parameter: string, maxLength: number): string | undefined {
    const value = this.request.query.get(parameter);
    if (value === null) return undefined;
    if (value.length < 1 || value.length > maxLength || !ARM_NAME.test(value)) return this.fail(parameter, `must be 1-${maxLength} lowercase letters, digits and inner hyphens`);
    return value;
  }

  optionalEnum<T extends string>(parameter: string, allowed: readonly T[]): T | undefined {
    const value = this.request.query.get(parameter);
    if (value === null) return undefined;
    const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    return match ?? this.fail(parameter, `must be one of ${allowed.join(', ')}`);
  }

  optionalDateTime(parameter: string): string | undefined {
    const value = this.request.query.get(parameter);
    if (value === null) return undefined;
    const ms = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) || Number.isNaN(ms)) return this.fail(parameter, 'must be an ISO 8601 date-time');
    return new Date(ms).toISOString();
  }

  integer(parameter: string, fallback: number, min: number, max: number): number {
    const value = this.request.query.get(parameter);
    if (value === null) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      this.fail(parameter, `must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  }

  optionalString(parameter: string, maxLength: number): string | undefined {
    const value = this.request.query.get(parameter);
    if (value === null) return undefined;
    if (value.length === 0 || value.length > maxLength) return this.fail(parameter, `must be 1-${maxLength} characters`);
    return value;
  }
}
