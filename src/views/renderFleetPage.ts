import type { FleetView } from '../app/fleets/fleetView';
import type { RunSummary } from '../app/history/runSummary';
import { consoleLinks, REFRESH_SECONDS } from './consoleLinks';
import { isActive } from '../domain/runs/fleetRunState';
import { formatUtc } from './formatTime';
import { html } from './html';
import { PAGE_STYLES } from './pageStyles';
import { renderConsoleNav } from './renderConsoleNav';
import { stateClass } from './stateStyle';
import { renderPreflight } from './renderPreflight';

export interface FleetPageView {
  readonly fleet: FleetView;
  readonly fleets: readonly string[];
  /** The fleet's latest runs, newest first. */
  readonly runs: readonly RunSummary[];
  readonly now: string;
}

/** `GET /api/console/fleets/{fleet}`: members and versions, drift, the pending release and why, recent runs. */
export function renderFleetPage(view: FleetPageView): string {
  const { fleet } = view;
  const active = view.runs.some((r) => isActive(r.state));
  const release = fleet.release;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${active && html`<meta http-equiv="refresh" content="${REFRESH_SECONDS}">`}
<title>${fleet.name} · Fleet Conductor</title>
<style>${PAGE_STYLES}</style>
</head>
<body>
<main>
${renderConsoleNav(view.fleets)}
<section class="panel">
<div class="crumbs">Fleet Conductor · fleet</div>
<h1 title="${fleet.fleetId}">${fleet.name}${fleet.drift ? html` <span class="badge state-pending">version drift</span>` : html` <span class="badge state-completed">one version</span>`}</h1>
<dl class="facts">
<dt>Strategy</dt><dd>${fleet.strategy}</dd>
<dt>Releases</dt><dd>${fleet.releaseMode === undefined ? 'not managed (Conductor only gates runs)' : `${fleet.releaseMode}, channel ${fleet.channel ?? '—'}`}</dd>
<dt>Versions</dt><dd>${Object.entries(fleet.versions).map(([v, n]) => `${v} × ${n}`).join(', ') || '—'}</dd>
<dt>Plan</dt><dd><a href="${consoleLinks.plan(fleet.name)}">the run that would be created now (JSON)</a></dd>
<dt>Runs</dt><dd><a href="${consoleLinks.runs({ fleet: fleet.name })}">all runs of ${fleet.name}</a></dd>
</dl>
</section>
${fleet.blocked !== undefined && html`<section class="panel held" id="blocked">
<h2>Blocked <span class="badge state-failed">${fleet.blocked.cause}</span></h2>
<p>Run <a href="${consoleLinks.run(fleet.name, fleet.blocked.run)}">${fleet.blocked.run}</a> is held since ${formatUtc(fleet.blocked.since)}${fleet.blocked.gateId !== undefined && html` (gate <code>${fleet.blocked.gateId}</code>)`}: ${fleet.blocked.why}</p>
<p>Nothing starts on this fleet until an operator acts: ${fleet.blocked.actions.map((a, i) => html`${i > 0 && ' or '}<code>POST /api/runs/${fleet.name}/${fleet.blocked?.run ?? ''}/${a}</code>`)} with a <code>reason</code>.</p>
</section>`}
${fleet.paused !== undefined && html`<section class="panel held" id="paused">
<h2>Paused <span class="badge state-pending">no new runs</span></h2>
<p>Paused by ${fleet.paused.by} at ${formatUtc(fleet.paused.at)}: ${fleet.paused.reason}. <code>POST /api/fleets/${fleet.name}/unpause</code> lets releases proceed.</p>
</section>`}
${renderPreflight(fleet.name, fleet.preflight)}
<section class="panel" id="release">
<h2>Pending release</h2>
${release === undefined
    ? html`<p class="empty">No release evaluated yet.</p>`
    : html`<dl class="facts"><dt>Outcome</dt><dd><strong>${release.outcome}</strong>${release.target !== undefined && ` · target ${release.target.version}`}${release.runName !== undefined && html` · run <a href="${consoleLinks.run(fleet.name, release.runName)}">${release.runName}</a>`}</dd><dt>Evaluated</dt><dd>${formatUtc(release.evaluatedAt)}</dd></dl>
<div class="reasons"><h2 class="small">Why</h2><ul>${release.reasons.map((r) => html`<li><code>${r.code}</code> ${r.message}</li>`)}</ul></div>
${release.warnings.length > 0 && html`<div class="reasons"><h2 class="small">Warnings</h2><ul>${release.warnings.map((r) => html`<li><code>${r.code}</code> ${r.message}</li>`)}</ul></div>`}`}
</section>
<section class="panel" id="members">
<h2>Members <span class="muted">(${fleet.members.length})</span></h2>
<table><thead><tr><th>Member</th><th>Group</th><th>Region</th><th>Kubernetes</th><th>Node images</th><th>Own auto-upgrade</th></tr></thead><tbody>
${fleet.members.map((m) => html`<tr><td title="${m.clusterResourceId}">${m.name}</td><td>${m.group ?? '—'}</td><td>${m.region ?? '—'}</td><td>${m.kubernetesVersion ?? '—'}</td><td>${m.nodeImageVersions.join(', ') || '—'}</td><td>${m.autoUpgradeChannel ?? 'off'}</td></tr>
`)}</tbody></table>
${fleet.unknownMembers.length > 0 && html`<p class="empty">Members whose cluster AKS does not return: ${fleet.unknownMembers.join(', ')}</p>`}
</section>
<section class="panel" id="runs">
<h2>Recent runs</h2>
${view.runs.length === 0
    ? html`<p class="empty">No runs yet.</p>`
    : html`<table><thead><tr><th>Run</th><th>State</th><th>Target</th><th>Created</th></tr></thead><tbody>
${view.runs.map((r) => html`<tr><td><a class="run-name" href="${consoleLinks.run(r.fleet, r.run)}">${r.run}</a></td><td><span class="badge ${stateClass(r.state)}">${r.state}</span></td><td>${r.target?.version ?? '—'}</td><td class="time">${formatUtc(r.createdAt)}</td></tr>
`)}</tbody></table>`}
</section>
${fleet.alerts.length > 0 && html`<section class="panel" id="alerts"><h2>Alerts</h2><ul>${fleet.alerts.map((a) => html`<li>${formatUtc(a.at)} <code>${a.kind}</code> ${a.message ?? ''}</li>`)}</ul></section>`}
<footer>Rendered ${formatUtc(view.now)}${active ? ` · refreshes every ${REFRESH_SECONDS} s while a run is active` : ''} · times in UTC</footer>
</main>
</body>
</html>
`.safeHtml;
}
