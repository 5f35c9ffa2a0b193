import { DeliveryError, type Notifier, type OutboxMessage } from '../../ports';
import { idempotencyHeaders } from './idempotencyHeaders';
import { postJson, type PostOptions } from './postJson';

/**
 * Posts an approval card to a Teams Workflows webhook ("When a Teams webhook request is received"). The payload
 * names the app setting holding the URL (the URL is a secret and never stored in the outbox). 429 is retried after
 * Retry-After (Teams throttles at a few requests per second).
 */
export class TeamsNotifier implements Notifier {
  constructor(
    private readonly appSetting: (name: string) => string | undefined,
    private readonly options: PostOptions = {},
  ) {}

  send(message: OutboxMessage): Promise<void> {
    const { urlSetting, message: card } = message.payload;
    if (typeof urlSetting !== 'string' || typeof card !== 'object' || card === null) {
      return Promise.reject(new DeliveryError(`Teams message ${message.id} has no card or URL setting`, { permanent: true }));
    }
    const url = this.appSetting(urlSetting);
    // Retryable: an operator can add the setting and the message then goes out.
    if (url === undefined) return Promise.reject(new DeliveryError(`App setting ${urlSetting} (Teams Workflows URL) is not set`));
    // The key goes in a header only: the body is Teams' message schema, and a Workflow can read the header.
    return postJson('Teams', url, JSON.stringify(card), idempotencyHeaders(message), this.options);
  }
}
