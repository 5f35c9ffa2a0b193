import type { GateEvidence } from '../ports/state';
import type { CheckEvaluation } from '../domain/checks/checkEvaluation';
import { formatUtc } from './formatTime';
import { html, type SafeHtml } from './html';
import { outcomeTone } from './stateStyle';

/** Rows of evidence shown per evaluation; the rest of the (already capped) rows stay in the API response. */
export const EVIDENCE_ROWS_SHOWN = 20;

/** Every measurement of a gate, oldest first: per check the verdicts per cluster, the exact KQL and its rows. */
export function renderEvidence(evidence: readonly GateEvidence[]): SafeHtml {
  if (evidence.length === 0) return html`<p class="empty">No measurements recorded.</p>`;
  const ordered = [...evidence].sort((a, b) => a.measurement - b.measurement || a.at.localeCompare(b.at));
  return html`${ordered.map(
    (measurement) => html`<div class="measurement">
<h4>Measurement ${measurement.measurement} <span class="muted">· ${formatUtc(measurement.at)}</span></h4>
${measurement.evaluations.map(renderEvaluation)}
</div>`,
  )}`;
}

/** Open when something went wrong, so the evidence of a failure is visible without a click. */
function renderEvaluation(evaluation: CheckEvaluation): SafeHtml {
  const open = evaluation.outcome !== 'Successful';
  const tone = outcomeTone(evaluation.outcome);
  return html`<details class="evaluation ${tone}"${open ? html` open` : ''}>
<summary><span class="badge ${tone}">${evaluation.outcome}</span> <strong>${evaluation.checkName}</strong> <span class="muted">(${evaluation.checkType})</span>${evaluation.dryRun && html` <span class="tag">dry run</span>`} — ${evaluation.reason}: ${evaluation.message}</summary>
<p class="rule">A cluster passes when <code>value ${evaluation.comparator} ${evaluation.threshold}</code>.</p>
${verdicts(evaluation)}
<p class="window">Window: <time datetime="${evaluation.evidence.window.start}">${formatUtc(evaluation.evidence.window.start)}</time> → <time datetime="${evaluation.evidence.window.end}">${formatUtc(evaluation.evidence.window.end)}</time></p>
<div class="query-label">Query sent to Log Analytics</div>
<pre class="kql">${evaluation.evidence.query}</pre>
${queryError(evaluation)}
${rows(evaluation)}
</details>`;
}

function queryError(evaluation: CheckEvaluation): SafeHtml {
  const error = evaluation.evidence.error;
  if (error === undefined) return html``;
  return html`<p class="error">Query error${error.code === undefined ? '' : ` ${error.code}`}: ${error.message}</p>`;
}

function verdicts(evaluation: CheckEvaluation): SafeHtml {
  if (evaluation.perCluster.length === 0) return html`<p class="empty">No per-cluster verdicts.</p>`;
  return html`<table class="verdicts"><thead><tr><th>Cluster</th><th class="num">Value</th><th>Outcome</th><th>Reason</th></tr></thead><tbody>
${evaluation.perCluster.map((verdict) => {
  const tone = outcomeTone(verdict.outcome);
  const cluster = html`<span class="cluster" title="${verdict.clusterId}">${clusterName(verdict.clusterId)}</span>`;
  const value = verdict.value === null ? '—' : verdict.value;
  return html`<tr class="${tone}"><td>${cluster}</td><td class="num">${value}</td><td><span class="badge ${tone}">${verdict.outcome}</span></td><td>${verdict.reason}</td></tr>
`;
})}</tbody></table>`;
}

function rows(evaluation: CheckEvaluation): SafeHtml {
  const { columns, rows: kept, truncatedRows } = evaluation.evidence;
  const shown = kept.slice(0, EVIDENCE_ROWS_SHOWN);
  const notShown = kept.length - shown.length;
  const note = [
    `${kept.length} row${kept.length === 1 ? '' : 's'} kept as evidence`,
    notShown > 0 ? `first ${shown.length} shown` : '',
    truncatedRows > 0 ? `${truncatedRows} more row${truncatedRows === 1 ? ' was' : 's were'} truncated when recorded` : 'none truncated',
  ].filter((part) => part !== '').join('; ');
  if (kept.length === 0) return html`<p class="rows-note">No rows returned${truncatedRows > 0 ? `; ${truncatedRows} truncated` : ''}.</p>`;
  return html`<table class="rows"><thead><tr>${columns.map((column, index) => html`<th${shown.every((row) => typeof row[index] === 'number') ? html` class="num"` : ''}>${column}</th>`)}</tr></thead><tbody>
${shown.map((row) => html`<tr>${row.map(renderCell)}</tr>
`)}</tbody></table>
<p class="rows-note">${note}.</p>`;
}

/** `/subscriptions/../managedClusters/aks-canary-eu-2` → `aks-canary-eu-2`; the full id is in the tooltip. */
export function clusterName(clusterId: string): string {
  const parts = clusterId.split('/').filter((part) => part !== '');
  return parts[parts.length - 1] ?? clusterId;
}

/** ARM ids are long; show the cluster name and keep the exact id in the tooltip. */
function renderCell(cell: unknown): SafeHtml {
  const text = cellText(cell);
  if (typeof cell === 'string' && cell.toLowerCase().startsWith('/subscriptions/')) {
    return html`<td><span class="cluster" title="${text}">${clusterName(text)}</span></td>`;
  }
  return html`<td${typeof cell === 'number' ? html` class="num"` : ''}>${text}</td>`;
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '—';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean' || typeof cell === 'bigint') return String(cell);
  return JSON.stringify(cell);
}
