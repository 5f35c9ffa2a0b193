/** The landing page links for one token: GET /api/approvals/{token} (the page), with a preselected decision. */
export interface ApprovalLinks {
  readonly page: string;
  readonly approve: string;
  readonly reject: string;
}

/**
 * `baseUrl` is the app's public origin (e.g. `https://conductor.contoso.com`, trailing `/` tolerated). The token is
 * URL-safe (base64url), so it goes in the path as is. Opening a link never decides anything: the page asks the
 * signed-in user to confirm with a POST (CSRF-protected), and the identity comes from the principal.
 */
export function approvalLinks(baseUrl: string, token: string): ApprovalLinks {
  const page = `${baseUrl.replace(/\/+$/, '')}/api/approvals/${token}`;
  return { page, approve: `${page}?decision=approve`, reject: `${page}?decision=reject` };
}
