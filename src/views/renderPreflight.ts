import type { StoredPreflight } from '../ports';
import { formatUtc } from './formatTime';
import { html, type SafeHtml } from './html';

const TRIGGER_TEXT: Record<StoredPreflight['trigger'], string> = { startup: 'at startup', configChanged: 'after a configuration change', refresh: 'on its periodic refresh' };

/** The fleet's latest preflight (run by the reconcile timer): each finding with its fix, evidence folded away. */
export function renderPreflight(fleetName: string, stored: StoredPreflight | undefined): SafeHtml {
  if (!stored) return html``;
  const { report } = stored;
  return html`<section class="panel" id="preflight">
<h2>Preflight <span class="muted">(${report.findings.length} finding${report.findings.length === 1 ? '' : 's'})</span></h2>
<p class="muted">Run ${TRIGGER_TEXT[stored.trigger]} at ${formatUtc(report.checkedAt)}; checked: ${report.checked.join(', ')}. Live: <code>GET /api/fleets/${fleetName}/preflight</code>.</p>
${report.findings.length === 0
    ? html`<p>Nothing found.</p>`
    : html`<ul class="attention">${report.findings.map(
        (f) => html`<li><span class="badge ${f.severity === 'error' ? 'tone-bad' : 'tone-warn'}">${f.severity}</span> <strong>${f.code}</strong> · ${f.subject}
<div>${f.message}</div>
<div><em>Fix:</em> ${f.fix}</div>
<details><summary>Evidence</summary><pre>${JSON.stringify(f.evidence, null, 2)}</pre></details></li>
`,
      )}</ul>`}
</section>`;
}
