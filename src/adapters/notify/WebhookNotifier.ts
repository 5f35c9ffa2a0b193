import type { Notifier, OutboxMessage } from '../../ports';
import { postJson } from './postJson';

/**
 * POSTs each notification as JSON to a webhook. The message id travels in `x-conductor-message-id` so that a
 * receiver can drop the rare duplicate (a crash after sending, before recording the send). 429 and 5xx are retried
 * (Retry-After honoured); other 4xx are permanent.
 */
export class WebhookNotifier implements Notifier {
  constructor(
    private readonly url: string,
    private readonly options: { readonly caPem?: string; readonly timeoutInMs?: number } = {},
  ) {}

  send(message: OutboxMessage): Promise<void> {
    const body = JSON.stringify({ id: message.id, channel: message.channel, createdAt: message.createdAt, ...message.payload });
    return postJson('webhook', this.url, body, { 'x-conductor-message-id': message.id }, this.options);
  }
}
