import type { AppLog, Notifier, OutboxMessage } from '../../ports';

// Severities that ask a person to look; anything else (a gate passed, a run continues) is information.
const WARN_SEVERITIES = new Set(['warning', 'error', 'critical']);

/** Delivers notifications to the function log (always on; the webhook notifier adds a real channel). */
export class LogNotifier implements Notifier {
  constructor(private readonly log: () => AppLog) {}

  send(message: OutboxMessage): Promise<void> {
    const text = typeof message.payload.message === 'string' ? message.payload.message : JSON.stringify(message.payload);
    const severity = typeof message.payload.severity === 'string' ? message.payload.severity.toLowerCase() : 'warning';
    const log = this.log();
    if (WARN_SEVERITIES.has(severity)) log.warn(`[${message.channel}] ${text}`, { messageId: message.id });
    else log.info(`[${message.channel}] ${text}`, { messageId: message.id });
    return Promise.resolve();
  }
}
