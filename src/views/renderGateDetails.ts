import type { GateDetail } from '../app/history/runDetail';
import type { GatePhase, GateState } from '../domain/gates/gateState';
import { formatDuration, formatUtc } from './formatTime';
import { html, type SafeHtml } from './html';
import { clusterName, renderEvidence } from './renderEvidence';
import { outcomeTone, phaseTone } from './stateStyle';

/** One card per gate Conductor decided: where it sits, its phase and history, check tallies and evidence. */
export function renderGateDetails(gates: readonly GateDetail[]): SafeHtml {
  if (gates.length === 0) return html`<p class="empty">No Conductor gates recorded for this run.</p>`;
  return html`${gates.map(renderGate)}`;
}

function renderGate(detail: GateDetail): SafeHtml {
  const state = detail.state;
  const gate = state.gate;
  const tone = phaseTone(state.phase.name);
  const where = `${gate.timing === 'After' ? 'after' : 'before'} ${gate.group === undefined ? `stage ${gate.stage}` : `group ${gate.stage}/${gate.group}`}`;
  return html`<section class="gate-card ${tone}" id="gate-${gate.gateId}" data-gate-id="${gate.gateId}">
<h3><span class="badge ${tone}">${state.phase.name}</span> ${gate.displayName} <span class="muted">${where}</span></h3>
${decision(state)}
<dl class="facts">
<dt>Policy</dt><dd><code>${state.policy.id}</code></dd>
<dt>Phase</dt><dd>${phaseText(state.phase)}</dd>
<dt>Observed</dt><dd>${formatUtc(state.observedAt)}</dd>
<dt>Analysis</dt><dd>${analysisText(state)}</dd>
<dt>Gate id</dt><dd><code>${gate.gateId}</code></dd>
</dl>
${state.targetNotFound !== undefined && html`<p class="error">Gate target not found: ${state.targetNotFound}</p>`}
${state.pendingCommand !== undefined && html`<p class="note">Waiting for Fleet to confirm <code>${state.pendingCommand.action.kind}</code>, sent ${formatUtc(state.pendingCommand.sentAt)}.</p>`}
${clusters(state)}
<h4>Phase history</h4>
${history(state)}
<h4>Checks</h4>
${tallies(state)}
${renderEvidence(detail.evidence)}
</section>`;
}

/** The transition into the current phase, said first: it is what an operator opening the page came for. */
function decision(state: GateState): SafeHtml {
  const last = [...state.history].reverse().find((entry) => entry.to === state.phase.name);
  if (last === undefined) return html``;
  return html`<p class="decision ${phaseTone(state.phase.name)}"><strong>${last.reason}</strong>${last.message !== undefined && html` — ${last.message}`} <span class="muted">(${formatUtc(last.at)})</span></p>`;
}

function phaseText(phase: GatePhase): string {
  switch (phase.name) {
    case 'Observed':
      return 'Observed';
    case 'Soaking':
      return `Soaking until ${formatUtc(phase.until)}`;
    case 'Checking':
      return `Checking: measurement ${phase.measurement} due ${formatUtc(phase.plannedAt)}`;
    case 'AwaitingApproval':
    case 'Approving':
      return `${phase.name} since ${formatUtc(phase.since)}`;
    case 'Rejected':
      return `Rejected at ${formatUtc(phase.at)}${phase.by === undefined ? '' : ` by ${phase.by}`}${phase.comment === undefined ? '' : `: “${phase.comment}”`}`;
    case 'Expired':
      return `Expired at ${formatUtc(phase.at)} (on expiry: ${phase.onExpire})`;
    case 'Passed':
    case 'Failed':
    case 'Inconclusive':
    case 'Bypassed':
    case 'Cancelled':
      return `${phase.name} at ${formatUtc(phase.at)}`;
  }
}

function analysisText(state: GateState): string {
  const a = state.policy.analysis;
  return [
    `soak ${formatDuration(a.initialDelaySeconds * 1000)}`,
    `every ${formatDuration(a.intervalSeconds * 1000)}`,
    `count ${a.count}`,
    `failure limit ${a.failureLimit}`,
    `inconclusive limit ${a.inconclusiveLimit}`,
    `error limit ${a.consecutiveErrorLimit}`,
    `no data = ${a.noDataPolicy}`,
    ...(a.dryRun ? ['dry run'] : []),
  ].join(' · ');
}

function clusters(state: GateState): SafeHtml {
  const total = state.clusters.length + state.excludedMembers.length + state.failedMembers.length;
  if (total === 0) return html`<p class="empty">No clusters were mapped to this gate.</p>`;
  return html`<table class="clusters"><thead><tr><th>Member</th><th>Cluster</th><th>Member state</th><th>Checked</th></tr></thead><tbody>
${state.clusters.map((c) => html`<tr><td>${c.memberName}</td><td>${cluster(c.clusterId)}</td><td>${c.state}</td><td>yes</td></tr>
`)}${state.failedMembers.map((m) => html`<tr class="tone-bad"><td>${m.memberName}</td><td>${cluster(m.clusterId)}</td><td>Failed</td><td>no: member upgrade failed</td></tr>
`)}${state.excludedMembers.map((m) => html`<tr class="tone-muted"><td>${m.memberName}</td><td>${cluster(m.clusterId)}</td><td>${m.state}</td><td>no: ${m.reason}</td></tr>
`)}</tbody></table>`;
}

function cluster(clusterId: string | undefined): SafeHtml {
  return clusterId === undefined ? html`<span class="muted">—</span>` : html`<span class="cluster" title="${clusterId}">${clusterName(clusterId)}</span>`;
}

function history(state: GateState): SafeHtml {
  if (state.history.length === 0) return html`<p class="empty">No transitions yet.</p>`;
  return html`<table class="history"><thead><tr><th>At</th><th>From → to</th><th>Reason</th><th>Message</th></tr></thead><tbody>
${state.history.map((entry) => html`<tr><td class="time">${formatUtc(entry.at)}</td><td class="nowrap">${entry.from} → <span class="badge ${phaseTone(entry.to)}">${entry.to}</span></td><td><code>${entry.reason}</code></td><td>${entry.message ?? ''}</td></tr>
`)}</tbody></table>`;
}

function tallies(state: GateState): SafeHtml {
  if (state.checks.length === 0) return html`<p class="empty">No checks measured yet.</p>`;
  return html`<table class="tallies"><thead><tr><th>Check</th><th>Phase</th><th class="num">Successful</th><th class="num">Failed</th><th class="num">Inconclusive</th><th class="num">Errors</th><th>Last outcome</th></tr></thead><tbody>
${state.checks.map((check) => html`<tr><td><strong>${check.name}</strong>${check.dryRun && html` <span class="tag">dry run</span>`}</td><td><span class="badge ${outcomeTone(check.phase)}">${check.phase}</span>${check.reason !== undefined && html` <span class="muted">${check.reason}</span>`}</td><td class="num">${check.successful}</td><td class="num">${check.failed}</td><td class="num">${check.inconclusive}</td><td class="num">${check.errors}</td><td>${check.lastOutcome ?? '—'}</td></tr>
`)}</tbody></table>`;
}
