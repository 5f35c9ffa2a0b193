import type { RunDetail } from '../app/history/runDetail';
import { formatHm, formatMonthDay, formatUtcMs } from './formatTime';
import { ganttModel } from './ganttModel';
import { GANTT } from './ganttLayout';
import { html, type SafeHtml } from './html';
import { renderGanttRow, renderRowBand } from './renderGanttRow';
import { contains, timeScale, timeTicks, xOf } from './timeScale';

/**
 * The run as an inline SVG Gantt chart: one row per stage, group and member, bars coloured by state, gate
 * diamonds, after-stage waits hatched, a UTC time axis and a "now" line. Tooltips are SVG <title>s, so the
 * chart explains itself without JavaScript.
 */
export function renderGantt(detail: RunDetail, now: string): SafeHtml {
  const model = ganttModel(detail, now);
  const scale = timeScale(model.startMs, model.endMs, GANTT.chartX, GANTT.chartWidth);
  const rowsBottom = GANTT.axisHeight + model.rows.length * GANTT.rowHeight;
  const height = rowsBottom + GANTT.bottomPad;
  const ticks = timeTicks(scale, GANTT.maxTicks);
  const nowInRange = contains(scale, model.nowMs);
  // The now line goes under the rows, so bars and labels stay readable where it crosses them.
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="gantt" width="${GANTT.width}" height="${height}" viewBox="0 0 ${GANTT.width} ${height}" role="img" aria-labelledby="gantt-title">
<title id="gantt-title">Timeline of update run ${detail.run.runName}: ${model.rows.length} rows from ${formatUtcMs(model.startMs)} to ${formatUtcMs(model.endMs)}</title>
<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs>
${model.rows.map(renderRowBand)}
<text class="axis-title" x="${GANTT.labelX}" y="22">Stage / group / member</text>
<text class="axis-title" x="${GANTT.chartX + GANTT.chartWidth + 12}" y="22">UTC</text>
${ticks.map((tick, index) => axisTick(tick, index === 0 || formatMonthDay(tick) !== formatMonthDay(ticks[index - 1] ?? tick), xOf(scale, tick), rowsBottom))}
<line class="axis" x1="${GANTT.chartX}" y1="${GANTT.axisHeight}" x2="${GANTT.chartX + GANTT.chartWidth}" y2="${GANTT.axisHeight}"/>
${nowInRange && nowLine(xOf(scale, model.nowMs), rowsBottom, model.nowMs)}
${model.rows.map((row, index) => renderGanttRow(row, index, scale))}
${model.rows.length === 0 && html`<text class="not-started" x="${GANTT.chartX + 4}" y="${GANTT.axisHeight + 18}">The run has no stages yet.</text>`}
</svg>`;
}

function axisTick(tick: number, withDate: boolean, x: number, bottom: number): SafeHtml {
  const label = withDate ? `${formatMonthDay(tick)} ${formatHm(tick)}` : formatHm(tick);
  return html`<line class="grid" x1="${x}" y1="${GANTT.axisHeight - 6}" x2="${x}" y2="${bottom}"/>
<text class="tick" x="${x}" y="${GANTT.axisHeight - 10}" text-anchor="middle">${label}</text>`;
}

function nowLine(x: number, bottom: number, nowMs: number): SafeHtml {
  return html`<g class="now" data-now="${new Date(nowMs).toISOString()}"><title>now: ${formatUtcMs(nowMs)}</title>
<line x1="${x}" y1="${GANTT.axisHeight - 4}" x2="${x}" y2="${bottom}"/>
<text x="${x}" y="${bottom + 12}" text-anchor="middle">now ${formatHm(nowMs)}</text>
</g>`;
}
