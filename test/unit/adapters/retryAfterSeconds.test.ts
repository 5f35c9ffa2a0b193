import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from '../../../src/adapters/notify/retryAfterSeconds';

const NOW = Date.parse('2026-11-21T10:00:00Z');

describe('retryAfterSeconds', () => {
  it.each([
    { header: '5', expected: 5 },
    { header: ' 0 ', expected: 0 },
    { header: 'Sat, 21 Nov 2026 10:00:30 GMT', expected: 30 },
    { header: 'Sat, 21 Nov 2026 09:59:00 GMT', expected: 0 },
    { header: 'soon', expected: undefined },
    { header: '-3', expected: undefined },
    { header: '', expected: undefined },
    { header: undefined, expected: undefined },
  ])('reads $header as $expected', ({ header, expected }) => {
    expect(retryAfterSeconds(header, NOW)).toBe(expected);
  });
});
