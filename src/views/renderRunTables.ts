import type { GateDetail, TimelineEntry } from '../app/history/runDetail';
import type { AuditEvent } from '../ports/state';
import { formatUtc } from './formatTime';
import { html, type SafeHtml } from './html';

/** Approvals arrive with the approvals feature; until their type exists, show each one's plain fields. */
export function renderApprovals(approvals: readonly unknown[]): SafeHtml {
  if (approvals.length === 0) return html`<p class="empty">No approvals recorded.</p>`;
  return html`<ul class="approvals">${approvals.map((approval) => html`<li>${fieldsOf(approval)}</li>`)}</ul>`;
}

function fieldsOf(value: unknown): SafeHtml {
  if (value === null || typeof value !== 'object') return html`${plain(value)}`;
  return html`<dl class="facts">${Object.entries(value).map(([key, field]) => html`<dt>${key}</dt><dd>${plain(field)}</dd>`)}</dl>`;
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
