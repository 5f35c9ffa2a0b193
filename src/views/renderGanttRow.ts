import type { GanttRow, GateMarker, Interval } from './ganttModel';
import { barHeight, GANTT, textWidth, truncate } from './ganttLayout';
import { formatDuration, formatUtcMs } from './formatTime';
import { html, type SafeHtml } from './html';
import { phaseTone, stateClass } from './stateStyle';
import { round1, type TimeScale, xOf } from './timeScale';

const DEPTH = { stage: 0, group: 1, member: 2 } as const;

/** One row of the chart: label, state bar (or "not started"), after-stage wait, gate diamonds. */
export function renderGanttRow(row: GanttRow, index: number, scale: TimeScale): SafeHtml {
  const top = GANTT.axisHeight + index * GANTT.rowHeight;
  const mid = top + GANTT.rowHeight / 2;
  const depth = DEPTH[row.kind];
  const labelX = GANTT.labelX + depth * GANTT.indent;
  const maxChars = Math.floor((GANTT.chartX - labelX - 12) / 7);
  return html`<g class="row row-${row.kind}" data-kind="${row.kind}" data-path="${row.path}">
<text class="row-label" x="${labelX}" y="${mid + 4}"><title>${row.path} — ${row.state}</title>${truncate(row.name, maxChars)}</text>
${row.bar === undefined ? notStarted(row, mid) : bar(row, row.bar, mid, scale)}
${row.wait !== undefined && wait(row.wait, mid, barHeight(row.kind), scale)}
${row.gates.map((gate) => gateMarker(gate, top, mid, scale, row.bar === undefined ? undefined : xOf(scale, row.bar.endMs)))}
</g>
`;
}

/** Stage rows get a band, drawn first so grid lines and the now line show through the hierarchy. */
export function renderRowBand(row: GanttRow, index: number): SafeHtml {
  return row.kind === 'stage'
    ? html`<rect class="row-band" x="0" y="${GANTT.axisHeight + index * GANTT.rowHeight}" width="${GANTT.width}" height="${GANTT.rowHeight}"/>`
    : html``;
}

function notStarted(row: GanttRow, mid: number): SafeHtml {
  return html`<text class="not-started" x="${GANTT.chartX + 4}" y="${mid + 4}">${row.state === 'NotStarted' ? 'not started' : `${row.state} (no start time)`}</text>`;
}

function bar(row: GanttRow, interval: Interval, mid: number, scale: TimeScale): SafeHtml {
  const x1 = xOf(scale, interval.startMs);
  const width = Math.max(2, round1(xOf(scale, interval.endMs) - x1));
  const height = barHeight(row.kind);
  const duration = formatDuration(interval.endMs - interval.startMs);
  const label = `${row.state} · ${duration}`;
  const until = interval.open ? 'no completion time yet' : formatUtcMs(interval.endMs);
  const note = row.note === undefined ? '' : ` — ${row.note}`;
  const tooltip = `${row.path}: ${row.state}, ${formatUtcMs(interval.startMs)} → ${until} (${duration})${note}`;
  const fitsInside = textWidth(label) + 12 <= width;
  // Outside the bar only where no gate label could sit, and only if it stays inside the picture.
  const fitsAfter = row.gates.length === 0 && x1 + width + 6 + textWidth(label) <= GANTT.width - 8;
  const text = fitsInside
    ? html`<text class="bar-text inside ${stateClass(row.state)}" x="${x1 + 6}" y="${mid + 4}">${label}</text>`
    : fitsAfter && html`<text class="bar-text after" x="${round1(x1 + width + 6)}" y="${mid + 4}">${label}</text>`;
  const classes = `bar ${stateClass(row.state)}${interval.open ? ' open' : ''}`;
  return html`<rect class="${classes}" data-kind="${row.kind}" data-state="${row.state}" x="${x1}" y="${mid - height / 2}" width="${width}" height="${height}" rx="3"><title>${tooltip}</title></rect>
${text}`;
}

function wait(interval: Interval & { readonly seconds?: number }, mid: number, height: number, scale: TimeScale): SafeHtml {
  const x1 = xOf(scale, interval.startMs);
  const width = Math.max(2, round1(xOf(scale, interval.endMs) - x1));
  const planned = interval.seconds === undefined ? '' : ` (planned ${formatDuration(interval.seconds * 1000)})`;
  const until = interval.open ? 'still waiting' : formatUtcMs(interval.endMs);
  return html`<rect class="wait" x="${x1}" y="${mid - height / 2}" width="${width}" height="${height}" rx="3"><title>After-stage wait${planned}: ${formatUtcMs(interval.startMs)} → ${until}</title></rect>`;
}

/**
 * A diamond where the gate sits, its label in the phase colour. An After gate completes before its stage does
 * (the after-stage wait follows), so its label starts past the stage bar instead of over the bar and the wait.
 */
function gateMarker(gate: GateMarker, top: number, mid: number, scale: TimeScale, barEnd: number | undefined): SafeHtml {
  const x = xOf(scale, gate.atMs);
  const phase = gate.detail?.state.phase.name;
  const name = gate.detail?.state.gate.policyId ?? gate.displayName;
  const label = `${truncate(name, 24)} · ${phase ?? `Fleet ${gate.fleetState}`}`;
  const tone = gate.detail === undefined ? 'tone-foreign' : phaseTone(phase);
  const leftLabel = gate.timing === 'Before' && x - 10 - textWidth(label) >= GANTT.chartX;
  const held = gate.held;
  const heldX = held === undefined ? x : xOf(scale, held.startMs);
  const labelX = leftLabel ? x - 11 : round1(Math.max(x, barEnd ?? x) + 11);
  return html`<g class="gate ${tone}" data-gate="${gate.displayName}" data-phase="${phase ?? ''}"><title>${gateTooltip(gate)}</title>
${held !== undefined && x - heldX >= 2 && html`<rect class="gate-held" x="${heldX}" y="${top + GANTT.rowHeight - 6}" width="${round1(x - heldX)}" height="3"/>`}
<path class="diamond" d="M ${x} ${mid - 8} L ${x + 8} ${mid} L ${x} ${mid + 8} L ${x - 8} ${mid} Z"/>
<text class="gate-label" x="${labelX}" y="${mid + 4}" text-anchor="${leftLabel ? 'end' : 'start'}">${label}</text>
</g>`;
}

function gateTooltip(gate: GateMarker): string {
  const phase = gate.detail?.state.phase.name;
  const conductor = phase === undefined ? 'not a Conductor gate on record' : `Conductor ${phase}`;
  const held = gate.held;
  const reached = held === undefined ? '' : `, reached ${formatUtcMs(held.startMs)}`;
  const completed = held === undefined || held.open ? '' : `, completed ${formatUtcMs(held.endMs)}`;
  return `Gate ${gate.displayName} (${gate.timing}): ${conductor}, Fleet ${gate.fleetState}${reached}${completed}`;
}
