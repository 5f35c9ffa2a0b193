import { createHmac } from 'node:crypto';
import { signedHeaders } from '../../domain/approvals/verifyCallback';
import { DeliveryError, type Notifier, type OutboxMessage } from '../../ports';
import { idempotencyHeaders } from './idempotencyHeaders';
import { postJson, type PostOptions } from './postJson';

/**
 * Posts an approval request (schema fleet-conductor/approval-request@1) to a generic webhook, signed with the
 * channel's shared secret (x-conductor-timestamp, x-conductor-signature). Signed at each attempt so the timestamp
 * is fresh for the receiver's replay window; the body is sent exactly as queued.
 */
export class SignedWebhookNotifier implements Notifier {
  constructor(
    private readonly appSetting: (name: string) => string | undefined,
    private readonly nowEpochSeconds: () => number,
    private readonly options: PostOptions = {},
  ) {}

  send(message: OutboxMessage): Promise<void> {
    const { urlSetting, secretSetting, body } = message.payload;
    if (typeof urlSetting !== 'string' || typeof secretSetting !== 'string' || typeof body !== 'string') {
      return Promise.reject(new DeliveryError(`Webhook message ${message.id} lacks its body or settings`, { permanent: true }));
    }
    const url = this.appSetting(urlSetting);
    const secret = this.appSetting(secretSetting);
    if (url === undefined || secret === undefined) {
      return Promise.reject(new DeliveryError(`App setting ${url === undefined ? urlSetting : secretSetting} (approval webhook) is not set`));
    }
    const headers = { ...signedHeaders(body, this.nowEpochSeconds(), (data) => createHmac('sha256', secret).update(data, 'utf8').digest('hex')), ...idempotencyHeaders(message) };
    return postJson('Approval webhook', url, body, headers, this.options);
  }
}
