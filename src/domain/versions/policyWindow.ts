import { reason, ReasonCode, type Reason } from './reasons';
import type { DateRangeWindow, PolicyWindow, Weekday, WeeklyWindow } from './versionPolicy';
import { addDays, fromWallTime, isValidTimeZone, toWallTime, weekdayOf } from './zonedTime';

/** Whether runs may start now, and if not, why and when they may next. */
export type WindowStatus =
  | { readonly open: true }
  | { readonly open: false; readonly reasons: readonly Reason[]; readonly nextOpeningAt: string | undefined };

const WEEKDAYS: readonly Weekday[] = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;
/** How far ahead the next opening is searched; a policy closed for longer reports no opening time. */
const HORIZON_DAYS = 400;

interface Interval {
  readonly start: number;
  readonly end: number;
}

/**
 * Evaluates allow/deny windows at `nowMs`. Open = no deny window is active and, when allow windows exist, at
 * least one of them is. Deny wins. When closed, returns `DenyWindow` (one per active deny window, with its end)
 * and/or `OutsideAllowWindow`, and the next instant at which the windows open (a window start or end), if any
 * within ~400 days. Windows must be valid (see `validateWindows`).
 */
export function evaluatePolicyWindows(windows: readonly PolicyWindow[], nowMs: number): WindowStatus {
  if (isOpenAt(windows, nowMs)) return { open: true };
  const nextOpeningAt = nextOpening(windows, nowMs);
  const nextText = nextOpeningAt === undefined ? 'no opening is scheduled' : `runs may start again at ${nextOpeningAt}`;
  const reasons: Reason[] = [];
  for (const w of windows) {
    const active = w.effect === 'deny' ? intervalAt(w, nowMs) : undefined;
    if (active === undefined) continue;
    const until = new Date(active.end).toISOString();
    reasons.push(
      reason(ReasonCode.DenyWindow, `Deny window ${label(w)} is active until ${until}; ${nextText}.`, {
        until,
        matched: w.name ?? label(w),
      }),
    );
  }
  const allows = windows.filter((w) => w.effect === 'allow');
  if (allows.length > 0 && !allows.some((w) => intervalAt(w, nowMs) !== undefined)) {
    const names = allows.map(label).join(', ');
    reasons.push(
      reason(ReasonCode.OutsideAllowWindow, `No allow window is open (${names}); ${nextText}.`, {
        ...(nextOpeningAt === undefined ? {} : { until: nextOpeningAt }),
      }),
    );
  }
  return { open: false, reasons, nextOpeningAt };
}

/** Problems with the windows (unknown time zone, malformed times), as `InvalidPolicy` reasons. Empty = valid. */
export function validateWindows(windows: readonly PolicyWindow[]): Reason[] {
  const problems: string[] = [];
  for (const w of windows) {
    if (!isValidTimeZone(w.timeZone)) problems.push(`window ${label(w)} has an unknown time zone '${w.timeZone}'`);
    if (w.type === 'weekly') {
      if (!HH_MM.test(w.start) || !HH_MM.test(w.end)) problems.push(`window ${label(w)} needs start and end as HH:MM`);
      for (const d of w.days ?? []) if (!WEEKDAYS.includes(d)) problems.push(`window ${label(w)} has an unknown day '${d}'`);
    } else if (!LOCAL_DATE_TIME.test(w.from) || !LOCAL_DATE_TIME.test(w.to)) {
      problems.push(`window ${label(w)} needs from and to as YYYY-MM-DDTHH:MM`);
    } else if (w.from >= w.to) {
      problems.push(`window ${label(w)} ends before it starts`);
    }
  }
  return problems.map((p) => reason(ReasonCode.InvalidPolicy, `The policy is invalid: ${p}.`));
}

function isOpenAt(windows: readonly PolicyWindow[], t: number): boolean {
  let allowSeen = false;
  let allowed = false;
  for (const w of windows) {
    const active = intervalAt(w, t) !== undefined;
    if (w.effect === 'deny' && active) return false;
    if (w.effect === 'allow') {
      allowSeen = true;
      allowed ||= active;
    }
  }
  return !allowSeen || allowed;
}

/** The occurrence of the window containing `t`, if any. */
function intervalAt(w: PolicyWindow, t: number): Interval | undefined {
  if (w.type === 'dates') {
    const i = dateInterval(w);
    return i.start <= t && t < i.end ? i : undefined;
  }
  const today = toWallTime(t, w.timeZone);
  return weeklyIntervals(w, addDays(today.year, today.month, today.day, -1), 2).find((i) => i.start <= t && t < i.end);
}

/** The earliest window boundary after `nowMs` at which the windows are open. */
function nextOpening(windows: readonly PolicyWindow[], nowMs: number): string | undefined {
  const lastDateEnd = Math.max(nowMs, ...windows.filter((w) => w.type === 'dates').map((w) => dateInterval(w).end));
  const days = Math.min(HORIZON_DAYS, Math.ceil((lastDateEnd - nowMs) / DAY_MS) + 8);
  const boundaries = new Set<number>();
  for (const w of windows) {
    const intervals =
      w.type === 'dates'
        ? [dateInterval(w)]
        : weeklyIntervals(w, addDays(...ymd(toWallTime(nowMs, w.timeZone)), -1), days + 1);
    for (const i of intervals) {
      if (i.start > nowMs) boundaries.add(i.start);
      if (i.end > nowMs) boundaries.add(i.end);
    }
  }
  const first = [...boundaries].sort((a, b) => a - b).find((t) => isOpenAt(windows, t));
  return first === undefined ? undefined : new Date(first).toISOString();
}

/** Occurrences of a weekly window starting on `count` local days from `from`. */
function weeklyIntervals(w: WeeklyWindow, from: { year: number; month: number; day: number }, count: number): Interval[] {
  const [sh, sm] = hhmm(w.start);
  const [eh, em] = hhmm(w.end);
  const crossesMidnight = eh * 60 + em <= sh * 60 + sm;
  const out: Interval[] = [];
  for (let n = 0; n < count; n++) {
    const d = addDays(from.year, from.month, from.day, n);
    const day = WEEKDAYS[weekdayOf(d.year, d.month, d.day)];
    if (w.days !== undefined && (day === undefined || !w.days.includes(day))) continue;
    const endDay = crossesMidnight ? addDays(d.year, d.month, d.day, 1) : d;
    out.push({
      start: fromWallTime({ ...d, hour: sh, minute: sm }, w.timeZone),
      end: fromWallTime({ ...endDay, hour: eh, minute: em }, w.timeZone),
    });
  }
  return out;
}

function dateInterval(w: DateRangeWindow): Interval {
  return { start: localDateTime(w.from, w.timeZone), end: localDateTime(w.to, w.timeZone) };
}

function localDateTime(text: string, timeZone: string): number {
  const m = LOCAL_DATE_TIME.exec(text);
  if (m === null) return Number.NaN;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  return fromWallTime({ year, month, day, hour, minute }, timeZone);
}

function hhmm(text: string): [number, number] {
  const m = HH_MM.exec(text);
  return m === null ? [0, 0] : [Number(m[1]), Number(m[2])];
}

function ymd(w: { year: number; month: number; day: number }): [number, number, number] {
  return [w.year, w.month, w.day];
}

function label(w: PolicyWindow): string {
  const where = w.type === 'weekly' ? `${(w.days ?? ['daily']).join(',')} ${w.start}-${w.end}` : `${w.from} to ${w.to}`;
  return w.name === undefined ? `(${where} ${w.timeZone})` : `'${w.name}' (${where} ${w.timeZone})`;
}
