import type { ApprovalPrincipal } from '../../domain/approvals/approvalPolicy';
import type { Signer } from '../../ports';

/**
 * The landing page's CSRF token: HMAC (token key) over the approval token and the signed-in principal. Another
 * site cannot read it (same-origin policy), and it is useless to anyone else signed in, so a cross-site POST, or
 * one replayed by a different user, is refused. Stateless: nothing is stored per page.
 */
export function approvalFormToken(signer: Signer, token: string, principal: ApprovalPrincipal): string {
  return signer.tokenHmac(`approval-form|v1|${token}|${(principal.objectId ?? principal.name).toLowerCase()}`);
}

/** Constant-time check of a posted form token. */
export function isValidFormToken(signer: Signer, token: string, principal: ApprovalPrincipal, posted: string | undefined): boolean {
  return posted !== undefined && signer.constantTimeEqual(approvalFormToken(signer, token, principal), posted);
}
