import { randomBytes } from 'node:crypto';
import type { EmulatorRequest } from '../httpTypes';
import { ArmError } from './armError';

export function newEtag(): string {
  return `"${randomBytes(8).toString('hex')}"`;
}

const unquote = (value: string): string => value.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');

/**
 * ARM optimistic concurrency: `If-Match` must equal the current ETag (or `*` with an existing resource);
 * `If-None-Match: *` fails when the resource exists. Both fail with 412 PreconditionFailed.
 */
export function checkPreconditions(request: EmulatorRequest, currentEtag: string | undefined): void {
  const ifMatch = request.headers['if-match'];
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifMatch !== undefined && ifMatch !== '') {
    const ok = currentEtag !== undefined && (ifMatch.trim() === '*' || unquote(ifMatch) === unquote(currentEtag));
    if (!ok) {
      throw new ArmError(
        412,
        'PreconditionFailed',
        currentEtag === undefined
          ? 'The resource does not exist, so the If-Match precondition cannot be met.'
          : `The specified If-Match '${ifMatch}' does not match the current ETag '${currentEtag}'.`,
      );
    }
  }
  if (ifNoneMatch !== undefined && ifNoneMatch !== '' && currentEtag !== undefined) {
    if (ifNoneMatch.trim() === '*' || unquote(ifNoneMatch) === unquote(currentEtag)) {
      throw new ArmError(412, 'PreconditionFailed', 'The resource already exists and If-None-Match was specified.');
    }
  }
}
