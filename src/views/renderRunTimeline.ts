import type { RunDetail } from '../app/history/runDetail';
import { formatUtc } from './formatTime';
import { html, type SafeHtml } from './html';
import { PAGE_STYLES } from './pageStyles';
import { renderGantt } from './renderGantt';
import { renderGateDetails } from './renderGateDetails';
import { renderRunHeader } from './renderRunHeader';
import { renderApprovals, renderAuditTrail, renderTimelineTable } from './renderRunTables';
import { renderConsoleNav } from './renderConsoleNav';
import { REFRESH_SECONDS } from './consoleLinks';
import { isActive } from '../domain/runs/fleetRunState';
import { renderDiagnosis } from './renderDiagnosis';

export interface RunTimelineOptions {
  /** The render time (ISO): the "now" line and open bars use it, never the clock, so output is reproducible. */
  readonly now: string;
  readonly title?: string;
}

/**
 * `GET /api/runs/{fleet}/{run}/view`: one update run as a self-contained HTML page (inline CSS and SVG, no
 * JavaScript), from the same RunDetail the JSON route returns. Every dynamic value is escaped by `html`.
 */
export function renderRunTimeline(detail: RunDetail, options: RunTimelineOptions): string {
  const run = detail.run;
  const title = options.title ?? `${run.runName} · ${run.fleetName} · Fleet Conductor`;
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
${isActive(run.state) && html`<meta http-equiv="refresh" content="${REFRESH_SECONDS}">`}
<title>${title}</title>
<style>${PAGE_STYLES}</style>
</head>
<body>
<main>
${renderConsoleNav([run.fleetName])}
${renderRunHeader(detail, options.now)}
${renderDiagnosis(detail.diagnosis)}
<section class="panel" id="timeline-chart">
<h2>Timeline</h2>
<div class="chart">${renderGantt(detail, options.now)}</div>
${legend()}
</section>
<section class="panel" id="gates">
<h2>Gates <span class="muted">(${detail.gates.length})</span></h2>
${renderGateDetails(detail.gates)}
</section>
<section class="panel" id="approvals">
<h2>Approvals</h2>
${renderApprovals(detail.approvals)}
</section>
<section class="panel" id="audit">
<h2>Audit trail <span class="muted">(${detail.events.length})</span></h2>
${renderAuditTrail(detail.events, detail.gates)}
</section>
<section class="panel" id="events">
<h2>Timeline entries <span class="muted">(${detail.timeline.length})</span></h2>
${renderTimelineTable(detail.timeline)}
</section>
<footer>Rendered ${formatUtc(options.now)} · run last observed ${formatUtc(run.observedAt)} · times in UTC</footer>
</main>
</body>
</html>
`;
  return page.safeHtml;
}

function legend(): SafeHtml {
  const states: readonly [string, string][] = [
    ['state-completed', 'Completed'],
    ['state-running', 'Running'],
    ['state-pending', 'Pending'],
    ['state-failed', 'Failed'],
    ['state-skipped', 'Skipped'],
    ['state-stopped', 'Stopped'],
  ];
  return html`<div class="legend">${states.map(([cls, label]) => html`<span><span class="swatch ${cls}"></span>${label}</span>`)}
<span><span class="swatch wait"></span>After-stage wait</span>
<span><span class="swatch diamond"></span>Gate (colour = Conductor phase)</span>
<span><span class="swatch held"></span>Time held at a gate</span>
<span><span class="swatch now"></span>Now</span>
<span>Dashed outline: no completion time yet</span>
</div>`;
}
