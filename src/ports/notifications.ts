import type { OutboxMessage } from './state';

// Notifications

/** A delivery that did not work; `retryAfterSeconds` when the receiver said when to come back (429/503). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly options: { readonly retryAfterSeconds?: number; readonly permanent?: boolean } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface Notifier {
  /** Delivers one outbox message; throws DeliveryError when it could not. */
  send(message: OutboxMessage): Promise<void>;
}
