/** Pure layout math for the Gantt chart: maps times to x positions and picks readable tick steps. */

export interface TimeScale {
  readonly startMs: number;
  readonly endMs: number;
  readonly x0: number;
  readonly width: number;
}

const MINUTE = 60_000;
/** Tick steps an operator reads at a glance (minutes): never 7 or 13 minutes apart. */
const TICK_STEPS_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

/**
 * A scale over [startMs, endMs] padded by `padFraction` on both sides so bars never touch the frame.
 * A zero or negative span becomes one minute, so a run that has just started still draws.
 */
export function timeScale(startMs: number, endMs: number, x0: number, width: number, padFraction = 0.02): TimeScale {
  const span = Math.max(endMs - startMs, MINUTE);
  const pad = span * padFraction;
  return { startMs: startMs - pad, endMs: startMs + span + pad, x0, width };
}

export function xOf(scale: TimeScale, ms: number): number {
  const fraction = (ms - scale.startMs) / (scale.endMs - scale.startMs);
  return round1(scale.x0 + Math.min(1, Math.max(0, fraction)) * scale.width);
}

export function contains(scale: TimeScale, ms: number): boolean {
  return ms >= scale.startMs && ms <= scale.endMs;
}

/** Tick times (aligned to whole steps in UTC) inside the scale, at most `maxTicks` of them. */
export function timeTicks(scale: TimeScale, maxTicks: number): number[] {
  const span = scale.endMs - scale.startMs;
  const stepMinutes = TICK_STEPS_MINUTES.find((step) => span / (step * MINUTE) < maxTicks) ?? TICK_STEPS_MINUTES[TICK_STEPS_MINUTES.length - 1] ?? 1440;
  const step = stepMinutes * MINUTE;
  const ticks: number[] = [];
  for (let tick = Math.ceil(scale.startMs / step) * step; tick <= scale.endMs; tick += step) ticks.push(tick);
  return ticks;
}

/** One decimal place: keeps the SVG small and its text identical on every run. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
