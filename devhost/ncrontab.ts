/**
 * Timer schedules as the Functions host reads them: a 6-field NCRONTAB expression
 * (`{second} {minute} {hour} {day} {month} {day-of-week}`) or a TimeSpan (`hh:mm:ss`, a fixed interval).
 * Times are UTC, the host's default (WEBSITE_TIME_ZONE is not modelled).
 * When both day and day-of-week are restricted, a time matches if either does (classic cron rule).
 */
export interface Schedule {
  readonly expression: string;
  /** The first occurrence strictly after `afterMs` (epoch ms). */
  next(afterMs: number): number;
}

interface Field {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];
const FIELD_NAMES = ['second', 'minute', 'hour', 'day', 'month', 'day-of-week'];

function parseValue(text: string, field: Field, label: string): number {
  const byName = field.names?.indexOf(text.toUpperCase()) ?? -1;
  const value = byName >= 0 ? byName + field.min : /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(value) || value < field.min || value > field.max) {
    throw new Error(`${label}: "${text}" is not between ${field.min} and ${field.max}`);
  }
  return value;
}

function parseField(text: string, field: Field, label: string): { values: Set<number>; restricted: boolean } {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [rangeText = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`${label}: bad step in "${part}"`);
    let from: number;
    let to: number;
    if (rangeText === '*') {
      from = field.min;
      to = field.max;
    } else if (rangeText.includes('-')) {
      const [a = '', b = ''] = rangeText.split('-');
      from = parseValue(a, field, label);
      to = parseValue(b, field, label);
      if (from > to) throw new Error(`${label}: range "${rangeText}" runs backwards`);
    } else {
      from = parseValue(rangeText, field, label);
      to = stepText === undefined ? from : field.max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values, restricted: text !== '*' && !text.startsWith('*/') };
}

function parseTimeSpan(expression: string): Schedule | undefined {
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(expression);
  if (!m) return undefined;
  const [, days = '0', h = '0', min = '0', s = '0'] = m;
  const periodMs = (((Number(days) * 24 + Number(h)) * 60 + Number(min)) * 60 + Number(s)) * 1000;
  if (periodMs <= 0) throw new Error(`Schedule "${expression}": the interval must be positive`);
  return { expression, next: (afterMs) => afterMs + periodMs };
}

export function parseSchedule(expression: string): Schedule {
  const trimmed = expression.trim();
  const span = parseTimeSpan(trimmed);
  if (span) return span;
  const parts = trimmed.split(/\s+/);
  if (parts.length !== 6) {
    throw new Error(`Schedule "${expression}": expected 6 NCRONTAB fields (second minute hour day month day-of-week) or hh:mm:ss`);
  }
  const [sec, min, hour, dom, mon, dow] = parts.map((p, i) =>
    parseField(p, FIELDS[i] as Field, `Schedule "${expression}" ${FIELD_NAMES[i]}`),
  ) as [ReturnType<typeof parseField>, ReturnType<typeof parseField>, ReturnType<typeof parseField>, ReturnType<typeof parseField>, ReturnType<typeof parseField>, ReturnType<typeof parseField>];

  const dayMatches = (d: Date): boolean => {
    const inDom = dom.values.has(d.getUTCDate());
    const inDow = dow.values.has(d.getUTCDay());
    if (dom.restricted && dow.restricted) return inDom || inDow;
    return inDom && inDow;
  };

  return {
    expression,
    next(afterMs: number): number {
      const t = new Date(Math.floor(afterMs / 1000) * 1000 + 1000);
      const limit = afterMs + 5 * 366 * 24 * 3600 * 1000;
      while (t.getTime() <= limit) {
        if (!mon.values.has(t.getUTCMonth() + 1)) {
          t.setUTCMonth(t.getUTCMonth() + 1, 1);
          t.setUTCHours(0, 0, 0, 0);
        } else if (!dayMatches(t)) {
          t.setUTCDate(t.getUTCDate() + 1);
          t.setUTCHours(0, 0, 0, 0);
        } else if (!hour.values.has(t.getUTCHours())) {
          t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
        } else if (!min.values.has(t.getUTCMinutes())) {
          t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
        } else if (!sec.values.has(t.getUTCSeconds())) {
          t.setUTCSeconds(t.getUTCSeconds() + 1, 0);
        } else {
          return t.getTime();
        }
      }
      throw new Error(`Schedule "${expression}" has no occurrence within five years`);
    },
  };
}
