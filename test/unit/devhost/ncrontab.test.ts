import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../../devhost/ncrontab';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('parseSchedule', () => {
  it.each([
    { name: 'every 5 minutes fires on the next multiple of five', expr: '0 */5 * * * *', after: '2026-11-21T10:03:07Z', next: '2026-11-21T10:05:00.000Z' },
    { name: 'every 30 seconds fires on :30', expr: '*/30 * * * * *', after: '2026-11-21T10:00:05Z', next: '2026-11-21T10:00:30.000Z' },
    { name: 'the next occurrence is strictly after the given time', expr: '0 */5 * * * *', after: '2026-11-21T10:05:00Z', next: '2026-11-21T10:10:00.000Z' },
    { name: 'a daily schedule rolls over to the next day', expr: '0 30 9 * * *', after: '2026-11-21T10:00:00Z', next: '2026-11-22T09:30:00.000Z' },
    { name: 'weekdays by name skip the weekend', expr: '0 0 9 * * MON-FRI', after: '2026-11-21T10:00:00Z', next: '2026-11-23T09:00:00.000Z' },
    { name: 'months by name jump to the named month', expr: '0 0 0 1 JAN *', after: '2026-11-21T10:00:00Z', next: '2027-01-01T00:00:00.000Z' },
    { name: 'lists and ranges combine', expr: '0 0 8,12-13 * * *', after: '2026-11-21T12:30:00Z', next: '2026-11-21T13:00:00.000Z' },
    { name: 'day and day-of-week both restricted match either', expr: '0 0 0 25 * SUN', after: '2026-11-21T10:00:00Z', next: '2026-11-22T00:00:00.000Z' },
    { name: 'a TimeSpan is a fixed interval', expr: '00:05:00', after: '2026-11-21T10:03:07Z', next: '2026-11-21T10:08:07.000Z' },
  ])('$name', ({ expr, after, next }) => {
    expect(iso(parseSchedule(expr).next(at(after)))).toBe(next);
  });

  it.each([
    { expr: '*/5 * * * *', error: 'expected 6 NCRONTAB fields' },
    { expr: '0 61 * * * *', error: 'minute: "61" is not between 0 and 59' },
    { expr: '0 0 0 * FOO *', error: 'month: "FOO"' },
    { expr: '0 0 0 * * 1-0', error: 'runs backwards' },
    { expr: '0 0 0 31 2 *', error: 'no occurrence within five years' },
  ])('refuses $expr', ({ expr, error }) => {
    expect(() => parseSchedule(expr).next(at('2026-11-21T00:00:00Z'))).toThrow(error);
  });
});
