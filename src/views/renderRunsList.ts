import type { RunSummary } from '../app/history/runSummary';
import { consoleLinks, REFRESH_SECONDS } from './consoleLinks';
import { FLEET_RUN_STATES, isActive } from '../domain/runs/fleetRunState';
import { formatUtc } from './formatTime';
import { html } from './html';
import { PAGE_STYLES } from './pageStyles';
import { renderConsoleNav } from './renderConsoleNav';
import { stateClass } from './stateStyle';

export interface RunsListView {
  readonly runs: readonly RunSummary[];
  readonly fleets: readonly string[];
  readonly filters: { readonly fleet?: string; readonly state?: string };
  readonly continuationToken?: string;
  readonly now: string;
}


/** `GET /api/console/runs`: every run Conductor knows, newest first, filtered by fleet and state with a plain form. */
export function renderRunsList(view: RunsListView): string {
  const active = view.runs.some((r) => isActive(r.state));
  const selected = (value: string, current: string | undefined) => (value === current ? html` selected` : html``);
  const next = view.continuationToken === undefined ? undefined : `${consoleLinks.runs(view.filters)}${view.filters.fleet || view.filters.state ? '&' : '?'}continuationToken=${encodeURIComponent(view.continuationToken)}`;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${active && html`<meta http-equiv="refresh" content="${REFRESH_SECONDS}">`}
<title>Runs · Fleet Conductor</title>
<style>${PAGE_STYLES}</style>
</head>
<body>
<main>
${renderConsoleNav(view.fleets)}
<section class="panel">
<h1>Update runs</h1>
<form method="get" action="${consoleLinks.runs()}" class="filters">
<label>Fleet <select name="fleet"><option value="">all</option>${view.fleets.map((f) => html`<option value="${f}"${selected(f, view.filters.fleet)}>${f}</option>`)}</select></label>
<label>State <select name="state"><option value="">all</option>${FLEET_RUN_STATES.map((s) => html`<option value="${s}"${selected(s, view.filters.state)}>${s}</option>`)}</select></label>
<button type="submit">Filter</button>
</form>
${view.runs.length === 0
    ? html`<p class="empty">No runs${view.filters.fleet || view.filters.state ? ' match these filters' : ' yet'}.</p>`
    : html`<table class="runs">
<thead><tr><th>Run</th><th>Fleet</th><th>State</th><th>Target</th><th>Created</th><th>Completed</th><th>Created by</th></tr></thead>
<tbody>
${view.runs.map((r) => html`<tr><td><a class="run-name" href="${consoleLinks.run(r.fleet, r.run)}">${r.run}</a></td><td><a href="${consoleLinks.fleet(r.fleet)}">${r.fleet}</a></td><td><span class="badge ${stateClass(r.state)}">${r.state}</span></td><td>${r.target === undefined ? '—' : `${r.target.kind === 'kubernetes' ? 'Kubernetes' : 'Node image'} ${r.target.version}`}</td><td class="time">${formatUtc(r.createdAt)}</td><td class="time">${formatUtc(r.completedAt)}</td><td>${r.createdBy}</td></tr>
`)}</tbody></table>`}
${next !== undefined && html`<p><a href="${next}">Older runs →</a></p>`}
</section>
<footer>Rendered ${formatUtc(view.now)}${active ? ` · refreshes every ${REFRESH_SECONDS} s while a run is active` : ''} · times in UTC</footer>
</main>
</body>
</html>
`.safeHtml;
}
