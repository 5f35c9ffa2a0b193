import type { InvocationContext } from '@azure/functions';
import type { AppLog } from '../../ports';

/** The invocation's log as the use cases' AppLog. */
export function contextLog(context: InvocationContext): AppLog {
  return {
    info: (message, data) => (data ? context.log(message, data) : context.log(message)),
    warn: (message, data) => (data ? context.warn(message, data) : context.warn(message)),
  };
}
