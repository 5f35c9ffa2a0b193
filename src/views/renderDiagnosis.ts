import type { RunDiagnosis } from '../domain/diagnosis/runDiagnosis';
import { formatUtc } from './formatTime';
import { html, type SafeHtml } from './html';

/** "Why is this run not progressing": each cause with since/until, its fix, and its evidence folded away. */
export function renderDiagnosis(diagnosis: RunDiagnosis | undefined): SafeHtml {
  if (!diagnosis || (diagnosis.causes.length === 0 && diagnosis.unread.length === 0)) return html``;
  const headline =
    diagnosis.state === 'stuck'
      ? html`<p><span class="badge tone-bad">Stuck</span> nothing has moved since ${formatUtc(diagnosis.lastProgressAt ?? diagnosis.diagnosedAt)}${diagnosis.stuckForMinutes !== undefined && html` (${diagnosis.stuckForMinutes} min)`}.</p>`
      : html`<p><span class="badge tone-active">Progressing</span> ${diagnosis.inFlight.join(', ')}; waiting:</p>`;
  return html`<section class="panel" id="diagnosis">
<h2>Why is this run not progressing?</h2>
${headline}
<ul class="attention">${diagnosis.causes.map(
    (c) => html`<li><strong>${c.kind}</strong> · ${c.subject}${c.since !== undefined && html` <span class="muted">since ${formatUtc(c.since)}</span>`}${c.until !== undefined && html` <span class="muted">until ${formatUtc(c.until)}</span>`}
<div>${c.message}</div>
<div><em>Fix:</em> ${c.fix}</div>
<details><summary>Evidence</summary><pre>${JSON.stringify(c.evidence, null, 2)}</pre></details></li>
`,
  )}</ul>
${diagnosis.unread.length > 0 && html`<p class="muted">Not read: ${diagnosis.unread.map((u) => `${u.what} of ${u.subject} (${u.error})`).join('; ')}</p>`}
</section>`;
}
