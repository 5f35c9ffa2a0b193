import type { OutboxMessage } from '../../ports';

/**
 * The headers every outgoing message carries so a receiver can drop a duplicate. Exactly-once delivery is impossible
 * when a sender crashes after the receiver accepted a message and before the outbox recorded the send; the message
 * is then sent again with the SAME key. The key is the outbox message id, which is deterministic (a gate decision's
 * journal entry id, e.g. `<gate>/v<version>/<index>`, or an approval request's id plus its channel), so it is stable
 * across retries, crashes and hosts. `Idempotency-Key` follows the IETF HTTPAPI draft "The Idempotency-Key HTTP
 * Header Field" (draft-ietf-httpapi-idempotency-key-header); `x-conductor-message-id` is the older name, kept.
 */
export function idempotencyHeaders(message: OutboxMessage): Record<string, string> {
  return { 'idempotency-key': message.id, 'x-conductor-message-id': message.id };
}
