import type http from 'node:http';
import type { RegisteredFunction } from './functionsCoreShim';
import { invokeFunction, InvocationFailedError } from './invokeFunction';
import type { HostLog } from './hostLog';
import { problem } from './problem';

export interface WebhookAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

const VALIDATION_EVENT = 'microsoft.eventgrid.subscriptionvalidationevent';

function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function answerProblem(status: number, title: string, detail: string): WebhookAnswer {
  return { status, headers: { 'content-type': 'application/problem+json' }, body: problem(status, title, detail) };
}

/**
 * The Event Grid extension's webhook, as Core Tools serves it at /runtime/webhooks/eventgrid?functionName=NAME:
 * answers the subscription validation handshake itself (both schemas) and invokes the function once per event.
 * Any failed invocation makes the answer non-2xx so that Event Grid redelivers the batch.
 */
export async function handleEventGridDelivery(
  fn: RegisteredFunction,
  method: string,
  headers: http.IncomingHttpHeaders,
  body: Buffer,
  log: HostLog,
): Promise<WebhookAnswer> {
  if (method === 'OPTIONS') {
    // CloudEvents abuse-protection preflight.
    const origin = header(headers, 'webhook-request-origin');
    if (!origin) return answerProblem(400, 'Bad Request', 'Missing WebHook-Request-Origin header');
    return { status: 200, headers: { 'webhook-allowed-origin': origin, 'webhook-allowed-rate': '*' } };
  }
  if (method !== 'POST') return answerProblem(405, 'Method Not Allowed', 'Event Grid deliveries are POSTs');

  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return answerProblem(400, 'Bad Request', `The body is not JSON: ${(error as Error).message}`);
  }
  const events = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
  if (events.some((e) => typeof e !== 'object' || e === null)) {
    return answerProblem(400, 'Bad Request', 'Every event must be a JSON object');
  }
  const contentType = header(headers, 'content-type') ?? '';
  const isCloudEvents = contentType.includes('cloudevents') || events.every((e) => 'specversion' in (e as object));
  const eventType = header(headers, 'aeg-event-type');

  if (!isCloudEvents) {
    if (eventType === 'SubscriptionValidation') {
      const validation = events.find((e) => String((e as { eventType?: unknown }).eventType).toLowerCase() === VALIDATION_EVENT) as
        | { data?: { validationCode?: unknown } }
        | undefined;
      const code = validation?.data?.validationCode;
      if (typeof code !== 'string') return answerProblem(400, 'Bad Request', 'SubscriptionValidation without a validationCode');
      log(`Event Grid subscription validated for '${fn.name}'`);
      return { status: 200, headers: { 'content-type': 'application/json' }, body: { validationResponse: code } };
    }
    if (eventType !== 'Notification') {
      return answerProblem(400, 'Bad Request', `Header aeg-event-type must be Notification or SubscriptionValidation (got ${eventType ?? 'none'})`);
    }
  }

  for (const event of events) {
    try {
      await invokeFunction(fn, event, { reason: 'EventGrid trigger fired', log });
    } catch (error) {
      if (!(error instanceof InvocationFailedError)) throw error;
      return answerProblem(500, 'Internal Server Error', `Function '${fn.name}' failed (Id=${error.invocationId}); the delivery should be retried`);
    }
  }
  return { status: 200, headers: {} };
}
