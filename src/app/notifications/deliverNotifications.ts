import { ConcurrencyError, DeliveryError } from '../../ports';
import type { GateDeps } from '../gates/gateDeps';

export interface DeliverySummary {
  readonly sent: number;
  readonly retried: number;
  readonly gaveUp: number;
  readonly skipped: number;
}

const LEASE_SECONDS = 120;
const MAX_ATTEMPTS = 10;
const MAX_BACKOFF_SECONDS = 3600;

const plus = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/**
 * Sends what the outbox holds, oldest first. Each message is claimed (ETag) before it is sent, so concurrent senders
 * never both send it; a failure is retried with exponential backoff, or after the receiver's Retry-After; after
 * MAX_ATTEMPTS, or a permanent refusal, it is marked Failed and stays visible for operators.
 */
export async function deliverNotifications(deps: Pick<GateDeps, 'outbox' | 'notifier' | 'clock' | 'log'>, limit = 50): Promise<DeliverySummary> {
  const notifier = deps.notifier(deps.log);
  const summary = { sent: 0, retried: 0, gaveUp: 0, skipped: 0 };
  const due = await deps.outbox.listDue(deps.clock.nowIso(), limit);
  for (const entry of due) {
    let claimed;
    try {
      claimed = await deps.outbox.claim(entry, plus(deps.clock.nowIso(), LEASE_SECONDS));
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      summary.skipped++;
      continue;
    }
    try {
      await notifier.send(claimed);
      await deps.outbox.markSent(claimed, deps.clock.nowIso());
      summary.sent++;
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      const attempts = claimed.attempts + 1;
      const giveUp = error.options.permanent === true || attempts >= MAX_ATTEMPTS;
      const backoff = error.options.retryAfterSeconds ?? Math.min(MAX_BACKOFF_SECONDS, 30 * 2 ** (attempts - 1));
      await deps.outbox.markAttemptFailed(claimed, error.message, plus(deps.clock.nowIso(), backoff), giveUp);
      if (giveUp) {
        summary.gaveUp++;
        deps.log.warn(`Gave up delivering notification ${claimed.id} after ${attempts} attempt(s): ${error.message}`);
      } else summary.retried++;
    }
  }
  return summary;
}
