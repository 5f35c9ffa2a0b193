import { verifyCallback, type CallbackRejection, type SignedRequest, type VerifyCallbackResult } from '../../domain/approvals/verifyCallback';
import { LedgerIntegrityError, type StoredApprovalLedger } from '../../ports';
import { reportTamperedLedger } from './reportTamperedLedger';
import { feedGate } from './feedGate';
import type { ApprovalDeps } from './approvalDeps';
import { requireSigner } from './approvalWiring';
import { auditedEvidence, evidenceShown } from './evidenceShown';
import { submitApprovalDecision, type SubmitDecisionOutcome } from './submitApprovalDecision';
import { callbackSigner } from './tokenSigners';

export type CallbackOutcome =
  | { readonly kind: 'callbackRejected'; readonly reason: CallbackRejection | 'wrongChannel' }
  | SubmitDecisionOutcome;

/**
 * A signed decision from another system. The body is verified before it is parsed, so the secret cannot be chosen
 * by the body: each webhook secret the gate policies name is tried (constant-time compare), and the one that
 * matched must be the secret of the request's own policy. Replays are refused by remembering accepted ids
 * atomically; every rejection changes nothing.
 */
export async function handleApprovalCallback(deps: ApprovalDeps, request: SignedRequest): Promise<CallbackOutcome> {
  const signer = requireSigner(deps.approvals);
  const now = deps.clock.nowIso();
  const settings = [
    ...new Set(deps.config.gatePolicies.flatMap((p) => (p.approval?.channels.webhook === undefined ? [] : [p.approval.channels.webhook.secretSetting]))),
  ];
  let verified: VerifyCallbackResult = { ok: false, reason: 'badSignature' };
  let matchedSetting: string | undefined;
  for (const setting of settings) {
    const secret = deps.approvals.appSetting(setting);
    if (secret === undefined) continue;
    verified = verifyCallback(request, callbackSigner(signer, secret), now);
    if (verified.ok || verified.reason !== 'badSignature') {
      matchedSetting = setting;
      break;
    }
  }
  if (!verified.ok) return { kind: 'callbackRejected', reason: verified.reason };
  const { decision } = verified;
  let stored: StoredApprovalLedger | undefined;
  try {
    stored = await deps.approvals.store.getLedger(decision.gate.fleetId, decision.gate.gateId);
  } catch (error) {
    if (!(error instanceof LedgerIntegrityError)) throw error;
    await reportTamperedLedger(deps, decision.gate, error, `a signed callback by ${decision.approver.name}`);
    return { kind: 'ledgerTampered' };
  }
  if (stored === undefined || stored.ledger.requestId !== decision.requestId || stored.ledger.gate.runName !== decision.gate.runName) return { kind: 'unknownRequest' };
  if (stored.ledger.policy.channels.webhook?.secretSetting !== matchedSetting) return { kind: 'callbackRejected', reason: 'wrongChannel' };
  if (!(await deps.approvals.store.rememberCallbackId(decision.id, now))) return { kind: 'callbackRejected', reason: 'replayed' };
  const outcome = await submitApprovalDecision(deps, {
    gate: stored.ledger.gate,
    requestId: decision.requestId,
    principal: decision.approver,
    decision: decision.decision,
    ...(decision.comment === undefined ? {} : { comment: decision.comment }),
    ...(decision.evidenceVersion === undefined ? {} : { evidenceVersion: decision.evidenceVersion }),
    via: { channel: 'callback', decisionId: decision.id },
    // The evidence as it stands when the decision arrives (the caller saw the message of `evidenceVersion`).
    evidenceShown: auditedEvidence(signer, await evidenceShown(deps, stored.ledger.gate)),
  });
  if (outcome.kind === 'decided' && outcome.ledger.outcome !== undefined) await feedGate(deps, stored.ledger.gate);
  return outcome;
}
