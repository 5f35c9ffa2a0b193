import type { Notifier, OutboxMessage } from '../../ports';

/** Sends to every notifier in turn; the first failure fails the delivery (so it is retried as a whole). */
export class FanOutNotifier implements Notifier {
  constructor(private readonly notifiers: readonly Notifier[]) {}

  async send(message: OutboxMessage): Promise<void> {
    for (const n of this.notifiers) await n.send(message);
  }
}
