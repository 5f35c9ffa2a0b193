import { RestError } from '@azure/data-tables';
import { ConcurrencyError } from '../../ports';

export function statusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}

/** 409 (exists) and 412 (stale ETag) become ConcurrencyError; everything else is rethrown unchanged. */
export function rethrowConflict(error: unknown, what: string): never {
  const status = statusOf(error);
  if (status === 409 || status === 412) {
    throw new ConcurrencyError(`${what}: ${status === 409 ? 'already exists' : 'changed by another writer'}`, { cause: error });
  }
  throw error;
}
