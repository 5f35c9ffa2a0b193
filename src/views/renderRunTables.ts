import type { GateDetail, TimelineEntry } from '../app/history/runDetail';
import type { ApprovalView } from '../app/history/approvalHistory';
import type { AuditEvent } from '../ports/state';
import { formatUtc } from './formatTime';
import { html, type SafeHtml } from './html';

/**
 * Each approval request of the run: the gate, who was asked (quorum, channels, expiry), the outcome, and every
 * decision with its comment and the evidence version the approver saw. The landing-page link of a pending request
 * is in the detail only for operators (the use case leaves it out otherwise).
 */
export function renderApprovals(approvals: readonly ApprovalView[]): SafeHtml {
  if (approvals.length === 0) return html`<p class="empty">No approvals recorded.</p>`;
  return html`<table class="approvals"><thead><tr><th>Gate</th><th>Requested</th><th>Asked</th><th>Expires</th><th>Outcome</th><th>Decisions</th></tr></thead><tbody>
${approvals.map(
  (a) => html`<tr><td class="nowrap">${a.gate}<div><code>${a.policyId}</code></div></td><td class="time">${formatUtc(a.requestedAt)}<div>via ${a.channels.join(', ') || 'no channel'}</div></td><td>${[...a.asked.users, ...a.asked.groups.map((g) => `group ${g}`), ...a.asked.objectIds.map((o) => `object ${o}`)].join(', ')}<div>quorum ${a.asked.quorum}</div></td><td class="time">${formatUtc(a.expiresAt)}</td><td>${a.outcome ?? 'pending'}${a.closedAt !== undefined && html`<div>${formatUtc(a.closedAt)}</div>`}${a.link !== undefined && html`<div><a href="${a.link}">approval page</a></div>`}</td><td>${a.decisions.length === 0 ? 'none yet' : html`<ul>${a.decisions.map((d) => html`<li>${d.decision} by ${d.by} at ${formatUtc(d.at)} (evidence v${d.evidenceVersion})${d.comment !== undefined && html`: “${d.comment}”`}</li>`)}</ul>`}</td></tr>
`,
)}</tbody></table>`;
}

function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value) ?? '';
}

/** The run's audit trail, oldest first, with gates named rather than shown as GUIDs. */
export function renderAuditTrail(events: readonly AuditEvent[], gates: readonly GateDetail[]): SafeHtml {
  if (events.length === 0) return html`<p class="empty">No audit events recorded.</p>`;
  const gateName = (gateId: string | undefined): string =>
    gateId === undefined ? '' : (gates.find((gate) => gate.state.gate.gateId === gateId)?.state.gate.displayName ?? gateId);
  return html`<table class="audit"><thead><tr><th>At</th><th>Kind</th><th>Actor</th><th>Gate</th><th>Message</th></tr></thead><tbody>
${events.map((event) => html`<tr><td class="time">${formatUtc(event.at)}</td><td><code>${event.kind}</code></td><td class="nowrap">${event.actor}</td><td class="nowrap">${gateName(event.gateId)}</td><td>${event.message}${event.data !== undefined && html`<div>${Object.entries(event.data).map(([key, value]) => html`<span class="kv">${key}: ${plain(value)}</span>`)}</div>`}</td></tr>
`)}</tbody></table>`;
}

/** Everything that happened, merged in time order by the view model. */
export function renderTimelineTable(timeline: readonly TimelineEntry[]): SafeHtml {
  if (timeline.length === 0) return html`<p class="empty">Nothing recorded yet.</p>`;
  return html`<table class="timeline"><thead><tr><th>At</th><th>Scope</th><th>Subject</th><th>What</th></tr></thead><tbody>
${timeline.map((entry) => html`<tr class="scope-row"><td class="time">${formatUtc(entry.at)}</td><td><span class="scope">${entry.scope}</span></td><td class="nowrap">${entry.subject}</td><td>${entry.what}</td></tr>
`)}</tbody></table>`;
}
