import type { ApprovalPageView } from '../app/approvals/getApprovalPage';
import type { ApprovalPrincipal } from '../domain/approvals/approvalPolicy';
import { formatUtc } from './formatTime';
import { html, trustedHtml, type SafeHtml } from './html';
import { PAGE_STYLES } from './pageStyles';
import { consoleLinks } from './consoleLinks';

export interface ApprovalPageOptions {
  /** The form posts back to the same path (the token is in it). */
  readonly action: string;
  readonly principal: ApprovalPrincipal;
  /** `?decision=approve|reject` from the card's link: preselects the button, never decides by itself. */
  readonly preselect?: 'approve' | 'reject';
  readonly now: string;
}

const APPROVAL_STYLES = trustedHtml(`
.verdict-Successful { color:var(--ok); } .verdict-Failed { color:var(--bad); } .verdict-Error, .verdict-Inconclusive { color:var(--warn); }
form.decide textarea { width:100%; min-height:70px; font:inherit; margin:6px 0 10px; }
form.decide button { font:inherit; font-weight:600; padding:8px 18px; border-radius:6px; border:1px solid var(--line); cursor:pointer; margin-right:8px; }
button.approve { background:var(--ok); color:#fff; } button.reject { background:var(--bad); color:#fff; }
button.preselected { outline:3px solid #339af0; }
.outcome { font-weight:600; }
table { border-collapse:collapse; width:100%; } th, td { text-align:left; padding:4px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
`);

/**
 * `GET /api/approvals/{token}`: the approval request for one gate, server-rendered (no JavaScript): the gate, the
 * evidence (checks and per-cluster verdicts), the decisions so far and, for an allowed approver who has not
 * decided, a form to approve or reject with a comment. Every dynamic value is escaped by `html`.
 */
export function renderApprovalPage(view: ApprovalPageView, options: ApprovalPageOptions): string {
  const { ledger, claims } = view;
  const place = `${view.gate?.gate.stage ?? '—'}${view.gate?.gate.group === undefined ? '' : ` / ${view.gate.gate.group}`}`;
  const approvals = ledger.decisions.filter((d) => d.decision === 'approve').length;
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="referrer" content="same-origin">
<title>Approve ${claims.runName} · ${view.fleetName} · Fleet Conductor</title>
<style>${PAGE_STYLES}${APPROVAL_STYLES}</style>
</head>
<body>
<main>
<section class="panel" id="gate">
<div class="crumbs">Fleet Conductor · approval request</div>
<h1>Approval for <span class="run-name">${claims.runName}</span></h1>
<dl class="facts">
<dt>Fleet</dt><dd><a href="${consoleLinks.fleet(view.fleetName)}">${view.fleetName}</a></dd>
<dt>Run</dt><dd><a href="${consoleLinks.run(view.fleetName, claims.runName)}">${claims.runName}</a> (status tree, gates, evidence)</dd>
<dt>Stage / group</dt><dd>${place}</dd>
<dt>Gate policy</dt><dd>${view.gate?.policy.id ?? '—'}</dd>
<dt>Gate phase</dt><dd id="gate-phase">${view.gate?.phase.name ?? 'unknown'}</dd>
<dt>Request</dt><dd id="request-outcome" class="outcome">${ledger.outcome ?? 'open'}</dd>
<dt>Approvals</dt><dd id="approval-count">${approvals} of ${ledger.policy.quorum} needed</dd>
<dt>Requested</dt><dd>${formatUtc(ledger.requestedAt)}</dd>
<dt>Expires</dt><dd>${formatUtc(ledger.expiresAt)}</dd>
<dt>Evidence version</dt><dd>${view.evidenceVersion}</dd>
</dl>
</section>
<section class="panel" id="evidence">
<h2>Evidence</h2>
${view.checks.length === 0 ? html`<p class="empty">No check results yet.</p>` : html`<ul>${view.checks.map((line) => html`<li>${line}</li>`)}</ul>`}
${clusterTable(view)}
</section>
<section class="panel" id="decisions">
<h2>Decisions so far <span class="muted">(${ledger.decisions.length})</span></h2>
${decisionTable(view)}
</section>
<section class="panel" id="decide">
<h2>Your decision</h2>
${decideSection(view, options)}
</section>
<footer>Signed in as ${options.principal.name} · rendered ${formatUtc(options.now)} · times in UTC</footer>
</main>
</body>
</html>
`;
  return page.safeHtml;
}

function clusterTable(view: ApprovalPageView): SafeHtml {
  if (view.clusters.length === 0) return html`<p class="empty">No per-cluster measurements recorded.</p>`;
  return html`<table class="clusters"><thead><tr><th>Cluster</th><th>Verdict</th><th>Values</th></tr></thead><tbody>
${view.clusters.map((c) => html`<tr><td>${c.cluster}</td><td class="verdict-${c.verdict}">${c.verdict}</td><td><code>${c.value}</code></td></tr>`)}
</tbody></table>`;
}

function decisionTable(view: ApprovalPageView): SafeHtml {
  if (view.ledger.decisions.length === 0) return html`<p class="empty">Nobody has decided yet.</p>`;
  return html`<table><thead><tr><th>Who</th><th>Decision</th><th>When</th><th>Comment</th><th>Evidence seen</th></tr></thead><tbody>
${view.ledger.decisions.map((d) => html`<tr><td>${d.by.name}</td><td>${d.decision === 'approve' ? 'Approved' : 'Rejected'}</td><td>${formatUtc(d.at)}</td><td>${d.comment ?? '—'}</td><td>v${d.evidenceVersion}</td></tr>`)}
</tbody></table>`;
}

function decideSection(view: ApprovalPageView, options: ApprovalPageOptions): SafeHtml {
  if (view.yourDecision !== undefined) {
    return html`<p id="your-decision">You ${view.yourDecision.decision === 'approve' ? 'approved' : 'rejected'} at ${formatUtc(view.yourDecision.at)}. Decisions are final.</p>`;
  }
  if (!view.allowed) return html`<p id="not-allowed">${options.principal.name} is not an approver for this gate.</p>`;
  if (view.ledger.outcome !== undefined) return html`<p id="closed">This request is ${view.ledger.outcome}; no more decisions are taken.</p>`;
  const preselected = (kind: 'approve' | 'reject'): string => (options.preselect === kind ? ' preselected' : '');
  return html`<form class="decide" method="post" action="${options.action}">
<input type="hidden" name="formToken" value="${view.formToken}">
<input type="hidden" name="evidenceVersion" value="${view.evidenceVersion}">
<label for="comment">Comment (optional)</label>
<textarea id="comment" name="comment" maxlength="1000"></textarea>
<button type="submit" name="decision" value="approve" class="approve${preselected('approve')}">Approve</button>
<button type="submit" name="decision" value="reject" class="reject${preselected('reject')}">Reject</button>
</form>`;
}
