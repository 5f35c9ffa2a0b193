import { timespanUnitMs } from './tokenize';
import type { DynamicValue, KqlType, KqlValue } from './kqlTypes';

/** Milliseconds between 0001-01-01 (KQL's datetime origin, used by bin()) and the Unix epoch. */
export const KQL_EPOCH_OFFSET_MS = 62_135_596_800_000;
const TICKS_PER_MS = 10_000;

/** Parses datetime literal text (ISO 8601, 'YYYY-MM-DD hh:mm:ss', date only; UTC unless an offset is given). */
export function parseDatetimeText(text: string): number | undefined {
  let s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s += 'T00:00:00Z';
  else {
    s = s.replace(/^(\d{4}-\d{2}-\d{2})[ T]/, '$1T');
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(s)) return undefined;
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(s)) s += 'Z';
    // JS Date keeps milliseconds only; KQL's 100 ns ticks beyond that are truncated.
    s = s.replace(/(\.\d{3})\d+/, '$1');
  }
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Parses timespan literal text: '5m', '1.5h', 'hh:mm:ss[.fff]', 'd.hh:mm:ss'. */
export function parseTimespanText(text: string): number | undefined {
  const s = text.trim();
  const unit = /^(-?\d+(?:\.\d+)?)([a-z]+)$/i.exec(s);
  if (unit) {
    const ms = timespanUnitMs(unit[2]!.toLowerCase());
    return ms === undefined ? undefined : Number(unit[1]) * ms;
  }
  const clock = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/.exec(s);
  if (!clock) return undefined;
  const [, neg, d, h, m, sec, frac] = clock;
  const ms = Number(d ?? 0) * 86_400_000 + Number(h) * 3_600_000 + Number(m) * 60_000 + Number(sec ?? 0) * 1000 + Number(frac ?? 0) * 1000;
  return neg ? -ms : ms;
}

/** ISO 8601 UTC as Log Analytics writes it: fractional seconds only when present. */
export function formatDatetime(ms: number): string {
  if (!Number.isFinite(ms) || ms < -KQL_EPOCH_OFFSET_MS || ms > 253_402_300_799_999) return '';
  return new Date(Math.floor(ms)).toISOString().replace('.000Z', 'Z');
}

/** `[-][d.]hh:mm:ss[.fffffff]`, KQL's timespan text form. */
export function formatTimespan(ms: number): string {
  const neg = ms < 0;
  let rest = Math.abs(ms);
  const days = Math.floor(rest / 86_400_000); rest -= days * 86_400_000;
  const h = Math.floor(rest / 3_600_000); rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000); rest -= m * 60_000;
  const s = Math.floor(rest / 1000); rest -= s * 1000;
  const ticks = Math.round(rest * TICKS_PER_MS);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${neg ? '-' : ''}${days ? `${days}.` : ''}${pad(h)}:${pad(m)}:${pad(s)}${ticks ? `.${pad(ticks, 7)}` : ''}`;
}

function formatReal(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return String(n);
}

/** tostring(): '' for null, JSON text for dynamic arrays/objects, the bare text of a dynamic string. */
export function valueToString(value: KqlValue, type: KqlType): string {
  if (value === null) return '';
  switch (type) {
    case 'string': case 'guid': return value as string;
    case 'datetime': return formatDatetime(value as number);
    case 'timespan': return formatTimespan(value as number);
    case 'real': return formatReal(value as number);
    case 'long': case 'int': case 'bool': return typeof value === 'boolean' ? (value ? 'true' : 'false') : String(Number(value));
    case 'dynamic': return dynamicToString(value);
  }
}

export function dynamicToString(value: DynamicValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatReal(value);
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** parse_json(): JSON text to dynamic; text that is not JSON stays a dynamic string (as in KQL). */
export function parseJsonText(text: string): DynamicValue {
  try {
    return JSON.parse(text) as DynamicValue;
  } catch {
    return text;
  }
}

/** Converts a typed scalar into a dynamic value (datetime/timespan become their text forms). */
export function toDynamic(value: KqlValue, type: KqlType): DynamicValue {
  if (value === null) return null;
  if (type === 'datetime') return formatDatetime(value as number);
  if (type === 'timespan') return formatTimespan(value as number);
  return value;
}

export function msToTicks(ms: number): number {
  return Math.round(ms * TICKS_PER_MS);
}
