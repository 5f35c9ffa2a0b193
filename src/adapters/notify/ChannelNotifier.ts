import type { Notifier, OutboxMessage } from '../../ports';

/** Routes each outbox message by its channel; channels without a route go to `fallback` (log / notification webhook). */
export class ChannelNotifier implements Notifier {
  constructor(
    private readonly routes: Readonly<Record<string, Notifier>>,
    private readonly fallback: Notifier,
  ) {}

  send(message: OutboxMessage): Promise<void> {
    return (Object.hasOwn(this.routes, message.channel) ? this.routes[message.channel] ?? this.fallback : this.fallback).send(message);
  }
}
