import https from 'node:https';
import http from 'node:http';
import { DeliveryError, type Notifier, type OutboxMessage } from '../../ports';

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
    const url = new URL(this.url);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-conductor-message-id': message.id },
          ...(this.options.caPem && url.protocol === 'https:' ? { ca: this.options.caPem } : {}),
          timeout: this.options.timeoutInMs ?? 10_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve();
            const retryAfter = Number(res.headers['retry-after']);
            const retryable = status === 429 || status >= 500;
            reject(
              new DeliveryError(`webhook answered ${status}`, {
                ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
                permanent: !retryable,
              }),
            );
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) => reject(new DeliveryError(`webhook unreachable: ${error.message}`)));
      req.end(body);
    });
  }
}
