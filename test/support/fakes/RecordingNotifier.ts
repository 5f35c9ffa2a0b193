import type { Notifier, OutboxMessage } from '../../../src/ports';

/** A notifier that delivers nothing and records what it was given (for use cases whose notifications a test ignores or counts). */
export class RecordingNotifier implements Notifier {
  readonly sent: OutboxMessage[] = [];

  send(message: OutboxMessage): Promise<void> {
    this.sent.push(message);
    return Promise.resolve();
  }
}
