import { openApprovalLedger, type ApprovalLedger } from '../../domain/approvals/approvalLedger';
import { signToken } from '../../domain/approvals/approvalToken';
import { approvalLinks } from '../../domain/approvals/approvalLinks';
import { buildApprovalCard } from '../../domain/approvals/buildApprovalCard';
import { buildApprovalWebhookMessage } from '../../domain/approvals/buildApprovalWebhookMessage';
import { clusterCheckSummary } from '../../domain/approvals/clusterCheckSummary';
import type { CheckTally } from '../../domain/gates/checkTally';
import type { RequestApprovalAction } from '../../domain/gates/gateActions';
import type { GateState } from '../../domain/gates/gateState';
import type { UpgradeTarget } from '../../domain/versions/fleetFacts';
import { ConcurrencyError, type OutboxMessage } from '../../ports';
import type { ApprovalDeps } from './approvalDeps';
import { requireSetting, requireSigner, type ApprovalWiring } from './approvalWiring';
import { APPROVAL_CHANNEL, type TeamsChannelPayload, type WebhookChannelPayload } from './approvalChannels';
import { linkSigner } from './tokenSigners';

/**
 * Carries out a journaled requestApproval: opens the gate's ledger (request id = the journal entry id, so a replay
 * finds the ledger it opened), signs a link token bound to the gate, the request and its expiry, and queues one
 * message per configured channel with deterministic ids (a replay queues nothing new).
 */
export async function openApprovalRequest(
  deps: Pick<ApprovalDeps, 'outbox' | 'evidence' | 'clock' | 'config' | 'approvals'>,
  entryId: string,
  action: RequestApprovalAction,
  state: GateState,
  /** What the run upgrades to, as Fleet reports it; the run name stands in when Fleet's answer was unreadable. */
  target?: UpgradeTarget,
): Promise<ApprovalLedger> {
  const { approvals } = deps;
  const signer = requireSigner(approvals);
  const baseUrl = approvals.publicBaseUrl;
  if (baseUrl === undefined) throw new Error('APP_BASE_URL (or WEBSITE_HOSTNAME) is not set: approval links need the public origin');
  const ledger = await ensureLedger(
    approvals,
    openApprovalLedger({
      requestId: entryId,
      gate: action.gate,
      policy: action.approval,
      // The state records when approval was requested, so a replay opens the same request.
      requestedAt: state.approval?.requestedAt ?? deps.clock.nowIso(),
      evidenceVersion: state.version,
    }),
  );
  const token = signToken({ v: 1, ...action.gate, requestId: ledger.requestId, exp: Math.floor(Date.parse(ledger.expiresAt) / 1000) }, linkSigner(signer));
  const links = approvalLinks(baseUrl, token);
  const evidence = await deps.evidence.listEvidence(action.gate);
  const latest = [...evidence].sort((a, b) => b.measurement - a.measurement)[0];
  const clusters = clusterCheckSummary(latest?.evaluations ?? []);
  const fleetName = deps.config.fleets.find((f) => f.fleetId.toLowerCase() === action.gate.fleetId.toLowerCase())?.name ?? action.gate.fleetId;
  const common = {
    fleetName,
    stage: state.gate.stage,
    ...(state.gate.group === undefined ? {} : { group: state.gate.group }),
    targetVersion: target ? `${target.kind === 'nodeimage' ? 'node image ' : 'Kubernetes '}${target.version}` : action.gate.runName,
    policyId: action.policyId,
    quorum: ledger.policy.quorum,
    expiresAt: ledger.expiresAt,
  };
  const pageLinks = { approve: links.approve, reject: links.reject, evidence: links.page };
  const messages: OutboxMessage[] = [];
  const createdAt = deps.clock.nowIso();
  const { teams, webhook } = ledger.policy.channels;
  if (teams !== undefined) {
    requireSetting(approvals, teams.webhookUrlSetting, 'Teams Workflows URL for approvals');
    const card = buildApprovalCard({ ...common, runName: action.gate.runName, checkSummary: checkLines(action.checks), clusters, links: pageLinks });
    const payload: TeamsChannelPayload = { urlSetting: teams.webhookUrlSetting, message: card as unknown as Readonly<Record<string, unknown>> };
    messages.push({ id: `${entryId}/teams`, createdAt, channel: APPROVAL_CHANNEL.teams, payload });
  }
  if (webhook !== undefined) {
    requireSetting(approvals, webhook.urlSetting, 'approval webhook URL');
    requireSetting(approvals, webhook.secretSetting, 'approval webhook secret');
    const id = `${entryId}/webhook`;
    const message = buildApprovalWebhookMessage({
      ...common,
      requestId: ledger.requestId,
      idempotencyKey: id,
      gate: ledger.gate,
      requestedAt: ledger.requestedAt,
      evidenceVersion: ledger.evidenceVersion,
      checks: checkLines(action.checks),
      clusters,
      links: pageLinks,
      callback: { url: `${baseUrl.replace(/\/+$/, '')}/api/approvals/callback` },
    });
    const payload: WebhookChannelPayload = { urlSetting: webhook.urlSetting, secretSetting: webhook.secretSetting, body: JSON.stringify(message) };
    messages.push({ id, createdAt, channel: APPROVAL_CHANNEL.webhook, payload });
  }
  await deps.outbox.enqueue(messages);
  return ledger;
}

/** One line per check, as the card and the webhook message show them. */
export function checkLines(checks: readonly CheckTally[]): string[] {
  return checks.map((c) => `${c.name}${c.dryRun ? ' (dry run)' : ''}: ${c.phase} (${c.successful}/${c.count} measurements successful)`);
}

/** Opens the ledger once: a replay (same request id) reuses it; a newer request for the gate replaces an older one. */
async function ensureLedger(approvals: ApprovalWiring, ledger: ApprovalLedger): Promise<ApprovalLedger> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await approvals.store.getLedger(ledger.gate.fleetId, ledger.gate.gateId);
    if (existing?.ledger.requestId === ledger.requestId) return existing.ledger;
    try {
      return (existing ? await approvals.store.replaceLedger(ledger, existing.etag) : await approvals.store.createLedger(ledger)).ledger;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }
  throw new ConcurrencyError(`Approval ledger of gate ${ledger.gate.gateId} keeps changing`);
}
