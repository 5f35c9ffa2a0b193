/** Fixed geometry of the Gantt SVG (pixels). One place, so the row and frame renderers agree. */
export const GANTT = {
  width: 1180,
  labelX: 14,
  indent: 18,
  chartX: 270,
  chartWidth: 700,
  /** Room right of the chart for gate labels, so a gate at the run's end never runs off the picture. */
  gateLabelRoom: 200,
  axisHeight: 40,
  rowHeight: 28,
  bottomPad: 14,
  maxTicks: 9,
  /** Average glyph width at 11px, to decide whether a label fits inside a bar (deterministic, no font metrics). */
  charWidth: 6.4,
} as const;

export function barHeight(kind: 'stage' | 'group' | 'member'): number {
  return kind === 'stage' ? 18 : kind === 'group' ? 14 : 12;
}

/** Cuts text to `max` characters with an ellipsis; the full text stays in the element's tooltip. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

export function textWidth(text: string): number {
  return text.length * GANTT.charWidth;
}
