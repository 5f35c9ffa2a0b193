/** Outbox channels of approval requests; the notifier routes each to its sender. */
export const APPROVAL_CHANNEL = {
  teams: 'approvals.teams',
  webhook: 'approvals.webhook',
} as const;

/** Payload of an `approvals.teams` message: the card and the NAME of the setting holding the Workflows URL. */
export interface TeamsChannelPayload extends Record<string, unknown> {
  readonly urlSetting: string;
  readonly message: Readonly<Record<string, unknown>>;
}

/**
 * Payload of an `approvals.webhook` message: the exact body to send and the setting NAMES of the URL and the
 * shared secret. Signed when sent (the timestamp must be fresh for the receiver's replay window, also on a retry).
 */
export interface WebhookChannelPayload extends Record<string, unknown> {
  readonly urlSetting: string;
  readonly secretSetting: string;
  readonly body: string;
}
