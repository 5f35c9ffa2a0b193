import { describe, expect, it } from 'vitest';
import { contains, timeScale, timeTicks, xOf } from '../../../src/views/timeScale';
import { formatDuration, formatHm, formatUtc } from '../../../src/views/formatTime';

const at = (hm: string): number => Date.parse(`2026-11-21T${hm}:00.000Z`);

describe('timeScale', () => {
  it('maps the padded span onto the chart width and clamps outside times to its edges', () => {
    const scale = timeScale(at('10:00'), at('11:00'), 100, 600, 0);
    expect(xOf(scale, at('10:00'))).toBe(100);
    expect(xOf(scale, at('10:30'))).toBe(400);
    expect(xOf(scale, at('11:00'))).toBe(700);
    expect(xOf(scale, at('12:00'))).toBe(700);
    expect(contains(scale, at('10:45'))).toBe(true);
    expect(contains(scale, at('11:01'))).toBe(false);
  });

  it('pads both sides so bars never touch the frame', () => {
    const scale = timeScale(at('10:00'), at('11:00'), 0, 1000);
    expect(xOf(scale, at('10:00'))).toBeGreaterThan(0);
    expect(xOf(scale, at('11:00'))).toBeLessThan(1000);
  });

  it('gives a zero-length span one minute, so a run that just started still draws', () => {
    const scale = timeScale(at('10:00'), at('10:00'), 0, 600, 0);
    expect(scale.endMs - scale.startMs).toBe(60_000);
  });

  it('picks whole, readable tick steps aligned to UTC', () => {
    expect(timeTicks(timeScale(at('10:00'), at('11:00'), 0, 600, 0), 9).map(formatHm)).toEqual(['10:00', '10:10', '10:20', '10:30', '10:40', '10:50', '11:00']);
    expect(timeTicks(timeScale(at('10:03'), at('10:11'), 0, 600, 0), 9).map(formatHm)).toEqual(['10:03', '10:04', '10:05', '10:06', '10:07', '10:08', '10:09', '10:10', '10:11']);
    const day = timeTicks(timeScale(at('00:00'), Date.parse('2026-11-22T00:00:00Z'), 0, 600, 0), 9);
    expect(day.length).toBeLessThanOrEqual(9);
    expect(day.map(formatHm)).toContain('12:00');
  });
});

describe('formatTime', () => {
  it('formats UTC times, durations and keeps unparsable text visible', () => {
    expect(formatUtc('2026-11-21T10:05:30.123Z')).toBe('2026-11-21 10:05:30 UTC');
    expect(formatUtc('yesterday')).toBe('yesterday');
    expect(formatUtc(undefined)).toBe('—');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(17 * 60_000 + 30_000)).toBe('17m 30s');
    expect(formatDuration(18 * 60_000)).toBe('18m');
    expect(formatDuration(125 * 60_000)).toBe('2h 05m');
    expect(formatDuration(76 * 3_600_000)).toBe('3d 4h');
  });
});
