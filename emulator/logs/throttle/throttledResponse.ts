import type { EmulatorResponse } from '../../httpTypes';

/**
 * The error code of a throttled Log Analytics query. OUR CHOICE: Microsoft documents that the throttled query gets
 * "an HTTP error response with code 429" ("Azure Monitor service limits", User query throttling) and that fatal
 * errors carry a OneAPI error object `{ error: { code, message } }` ("Azure Monitor Log Analytics API response
 * format", Azure Monitor Log Analytics API errors), but no primary source names the code. Change it here.
 */
export const THROTTLED_CODE = 'ThrottledError';

/** Which documented limit refused the query (the message says which, so a log line explains itself). */
export type ThrottleReason = 'rate' | 'queueFull' | 'queueTimeout';

/**
 * The 429 a refused query gets. Harsher reading: NO `Retry-After` header — no primary source says Log Analytics
 * sends one, and a client must not depend on it (the Azure SDK's throttling policy only waits when it is present).
 * To model one, add it to `headers` here.
 */
export function throttledResponse(reason: ThrottleReason, limits: { readonly queriesPer30Seconds: number; readonly concurrentQueries: number; readonly queueLength: number }): EmulatorResponse {
  const message = {
    rate: `Too many queries: the limit is ${limits.queriesPer30Seconds} queries per 30 seconds per user, across all workspaces.`,
    queueFull: `Too many concurrent queries: ${limits.concurrentQueries} are running and ${limits.queueLength} are queued for this user.`,
    queueTimeout: 'The query waited in the concurrency queue for more than 3 minutes without being started.',
  }[reason];
  return { status: 429, headers: { 'content-type': 'application/json' }, body: { error: { code: THROTTLED_CODE, message } } };
}
