import type { GateRef } from '../gates/gateIdentity';
import { cardText } from './cardText';
import type { ClusterCheckSummary } from './clusterCheckSummary';

/** Most clusters listed in a webhook message (the rest are counted in `clustersOmitted`). */
export const MAX_WEBHOOK_CLUSTERS = 500;

/**
 * The generic JSON webhook message (schema `fleet-conductor/approval-request@1`, documented in README.md), sent
 * signed with x-conductor-timestamp / x-conductor-signature (see signedHeaders). A receiver answers by posting a
 * CallbackDecision to /api/approvals/callback, or lets a human use `links`.
 */
export interface ApprovalWebhookMessage {
  readonly schema: 'fleet-conductor/approval-request@1';
  readonly kind: 'approvalRequested';
  readonly requestId: string;
  /** The outbox message id: the same on every delivery attempt of this message (also the Idempotency-Key header). */
  readonly idempotencyKey: string;
  readonly gate: GateRef;
  readonly fleetName: string;
  readonly stage: string;
  readonly group?: string;
  readonly targetVersion: string;
  readonly policyId: string;
  readonly quorum: number;
  readonly requestedAt: string;
  readonly expiresAt: string;
  readonly evidenceVersion: number;
  readonly checks: readonly string[];
  readonly clusters: readonly ClusterCheckSummary[];
  readonly clustersOmitted: number;
  readonly links: { readonly approve: string; readonly reject: string; readonly evidence: string };
  readonly callback: { readonly url: string };
}

export type ApprovalWebhookInput = Omit<ApprovalWebhookMessage, 'schema' | 'kind' | 'clustersOmitted'>;

/** Builds the message: texts cleaned of control characters and capped, at most MAX_WEBHOOK_CLUSTERS clusters. */
export function buildApprovalWebhookMessage(input: ApprovalWebhookInput): ApprovalWebhookMessage {
  const clusters = input.clusters.slice(0, MAX_WEBHOOK_CLUSTERS).map((row) => ({
    cluster: cardText(row.cluster, 100),
    verdict: row.verdict,
    value: cardText(row.value, 200),
  }));
  return {
    schema: 'fleet-conductor/approval-request@1',
    kind: 'approvalRequested',
    ...input,
    checks: input.checks.slice(0, 50).map((line) => cardText(line, 300)),
    clusters,
    clustersOmitted: input.clusters.length - clusters.length,
  };
}
