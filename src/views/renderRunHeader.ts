import type { RunDetail } from '../app/history/runDetail';
import type { UpgradeTarget } from '../domain/versions/fleetFacts';
import { formatDuration, formatUtc, parseTime } from './formatTime';
import { html, type SafeHtml } from './html';
import { phaseTone, stateClass } from './stateStyle';

/** Who, what, when: fleet, run, state, target, creation and the policy's reasons, the run's times. */
export function renderRunHeader(detail: RunDetail, now: string): SafeHtml {
  const run = detail.run;
  const creation = detail.creation;
  const started = parseTime(run.startTime);
  const ended = parseTime(run.completedTime) ?? parseTime(now);
  return html`<header class="run-header">
<div class="crumbs">Fleet Conductor · update run · fleet <strong title="${run.fleetId}">${run.fleetName}</strong></div>
<h1><span class="run-name">${run.runName}</span> <span class="badge big ${stateClass(run.state)}" data-state="${run.state}">${run.state}</span></h1>
<dl class="facts header-facts">
<dt>Target</dt><dd>${targetText(run.target)}</dd>
<dt>Created by</dt><dd>${creation?.createdBy ?? run.createdBy}</dd>
<dt>Trigger</dt><dd>${creation === undefined ? html`<span class="muted">not created by Conductor (no trigger recorded)</span>` : triggerText(creation)}</dd>
<dt>Created</dt><dd>${formatUtc(creation?.createdAt ?? run.createdAt)}</dd>
<dt>Started</dt><dd>${formatUtc(run.startTime)}</dd>
<dt>Completed</dt><dd>${formatUtc(run.completedTime)}</dd>
<dt>Duration</dt><dd>${started === undefined || ended === undefined ? '—' : `${formatDuration(ended - started)}${run.completedTime === undefined ? ' so far' : ''}`}</dd>
<dt>Last observed</dt><dd>${formatUtc(run.observedAt)}</dd>
</dl>
${creation !== undefined && creation.explanation.length > 0 && html`<div class="reasons"><h2 class="small">Why this run was created</h2><ul>
${creation.explanation.map((reason) => html`<li><code>${reason.code}</code> ${reason.message}</li>
`)}</ul></div>`}
${attention(detail)}
${memberSummary(detail)}
</header>`;
}

function targetText(target: UpgradeTarget | undefined): string {
  if (target === undefined) return '—';
  return target.kind === 'kubernetes' ? `Kubernetes ${target.version}` : `Node image ${target.version}`;
}

function triggerText(creation: NonNullable<RunDetail['creation']>): string {
  const events = creation.trigger.eventIds.length;
  return `${creation.trigger.kind} (${events} event${events === 1 ? '' : 's'}), attempt ${creation.attempt}`;
}

// Bypassed: someone completed the Fleet gate outside Conductor, so the run went on without its checks.
const NEEDS_ATTENTION = ['Failed', 'Rejected', 'Expired', 'Inconclusive', 'AwaitingApproval', 'Bypassed'];

/** Gates that stopped or hold the run, first thing on the page, each linking to its evidence below. */
function attention(detail: RunDetail): SafeHtml {
  const gates = detail.gates.filter((gate) => NEEDS_ATTENTION.includes(gate.state.phase.name));
  if (gates.length === 0) return html``;
  return html`<ul class="attention">${gates.map((gate) => {
    const state = gate.state;
    const last = [...state.history].reverse().find((entry) => entry.to === state.phase.name);
    return html`<li class="${phaseTone(state.phase.name)}"><span class="badge ${phaseTone(state.phase.name)}">${state.phase.name}</span> <a href="#gate-${state.gate.gateId}">${state.gate.displayName}</a> <span class="muted">(${state.gate.group === undefined ? state.gate.stage : `${state.gate.stage}/${state.gate.group}`})</span>${last?.message !== undefined && html` — ${last.message}`}</li>
`;
  })}</ul>`;
}

/** Members per state, so the outcome is readable before the chart. */
function memberSummary(detail: RunDetail): SafeHtml {
  const counts = new Map<string, number>();
  for (const member of detail.run.stages.flatMap((stage) => stage.groups.flatMap((group) => group.members))) {
    counts.set(member.state, (counts.get(member.state) ?? 0) + 1);
  }
  const entries = [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  if (entries.length === 0) return html``;
  return html`<p class="member-summary">Members: ${entries.map(([state, count]) => html`<span class="pill ${stateClass(state)}">${count} ${state}</span> `)}</p>`;
}
