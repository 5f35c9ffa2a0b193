import type { ApprovalDecisionKind } from '../../domain/approvals/approvalLedger';
import type { ApprovalPrincipal } from '../../domain/approvals/approvalPolicy';
import { verifyToken, type TokenRejection } from '../../domain/approvals/approvalToken';
import { feedGate } from './feedGate';
import type { ApprovalDeps } from './approvalDeps';
import { requireSigner } from './approvalWiring';
import { isValidFormToken } from './approvalFormToken';
import { auditedEvidence, evidenceShown } from './evidenceShown';
import { submitApprovalDecision, type SubmitDecisionOutcome } from './submitApprovalDecision';
import { linkSigner } from './tokenSigners';

export type LinkDecisionOutcome =
  | { readonly kind: 'tokenRejected'; readonly reason: TokenRejection }
  /** The page's form token is missing or not this principal's for this link (CSRF). */
  | { readonly kind: 'formRejected' }
  | SubmitDecisionOutcome;

export interface LinkDecisionInput {
  readonly token: string;
  readonly principal: ApprovalPrincipal;
  readonly decision: ApprovalDecisionKind;
  readonly comment?: string;
  readonly evidenceVersion?: number;
  /** The form token the page carried (checked; undefined = missing → refused); null only for in-process callers without a page. */
  readonly formToken: string | undefined | null;
}

/**
 * A decision from the landing page: the token says which gate and request (verified before anything is read), the
 * authenticated principal says who. When the decision closes the request, the gate is reconciled at once (it reads
 * the closed ledger through the same journaled, ETag-guarded path as the timer).
 */
export async function decideByLink(
  deps: ApprovalDeps,
  input: LinkDecisionInput,
): Promise<LinkDecisionOutcome> {
  const signer = requireSigner(deps.approvals);
  const verified = verifyToken(input.token, linkSigner(signer), deps.clock.nowIso());
  if (!verified.ok) return { kind: 'tokenRejected', reason: verified.reason };
  if (input.formToken !== null && !isValidFormToken(signer, input.token, input.principal, input.formToken)) return { kind: 'formRejected' };
  const { claims } = verified;
  const gate = { fleetId: claims.fleetId, runName: claims.runName, gateId: claims.gateId };
  const outcome = await submitApprovalDecision(deps, {
    gate,
    requestId: claims.requestId,
    principal: input.principal,
    decision: input.decision,
    ...(input.comment === undefined ? {} : { comment: input.comment }),
    ...(input.evidenceVersion === undefined ? {} : { evidenceVersion: input.evidenceVersion }),
    via: { channel: 'landingPage' },
    evidenceShown: auditedEvidence(signer, await evidenceShown(deps, gate)),
  });
  if (outcome.kind === 'decided' && outcome.ledger.outcome !== undefined) await feedGate(deps, gate);
  return outcome;
}
