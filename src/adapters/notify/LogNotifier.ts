import type { AppLog, Notifier, OutboxMessage } from '../../ports';

/** Delivers notifications to the function log (always on; the webhook notifier adds a real channel). */
export class LogNotifier implements Notifier {
  constructor(private readonly log: () => AppLog) {}

  send(message: OutboxMessage): Promise<void> {
    const text = typeof message.payload.message === 'string' ? message.payload.message : JSON.stringify(message.payload);
    this.log().warn(`[${message.channel}] ${text}`, { messageId: message.id });
    return Promise.resolve();
  }
}
