import type { Notifier, OutboxMessage } from '../../ports';
import { idempotencyHeaders } from './idempotencyHeaders';
import { postJson } from './postJson';

/**
 * POSTs each notification as JSON to a webhook. The idempotency key (the outbox message id) travels in the
 * `Idempotency-Key` header and the body's `idempotencyKey`, so a receiver can drop the rare duplicate (a crash after
 * sending, before recording the send). 429 and 5xx are retried
 * (Retry-After honoured); other 4xx are permanent.
 */
export class WebhookNotifier implements Notifier {
  constructor(
    private readonly url: string,
    private readonly options: { readonly caPem?: string; readonly timeoutInMs?: number } = {},
  ) {}

  send(message: OutboxMessage): Promise<void> {
    const body = JSON.stringify({ id: message.id, idempotencyKey: message.id, channel: message.channel, createdAt: message.createdAt, ...message.payload });
    return postJson('webhook', this.url, body, idempotencyHeaders(message), this.options);
  }
}
