import { describe, expect, it } from 'vitest';
import { matchBlocklist } from '../../../../src/domain/versions/blocklist';

describe('matchBlocklist', () => {
  it.each([
    { name: 'an exact entry matches that version', version: '1.33.2', blocklist: ['1.33.2'], expected: '1.33.2' },
    { name: 'an exact entry does not match a longer patch', version: '1.33.21', blocklist: ['1.33.2'], expected: undefined },
    { name: 'a minor wildcard matches every patch of the minor', version: '1.33.7', blocklist: ['1.32.*', '1.33.*'], expected: '1.33.*' },
    { name: 'a minor wildcard does not match the next minor', version: '1.34.0', blocklist: ['1.33.*'], expected: undefined },
    { name: 'a patch wildcard matches .0 of every minor', version: '1.34.0', blocklist: ['1.*.0'], expected: '1.*.0' },
    { name: 'dots are literal, not regex wildcards', version: '1x33x2', blocklist: ['1.33.2'], expected: undefined },
    { name: 'node image versions can be blocked by month', version: '202511.02.0', blocklist: ['202511.*'], expected: '202511.*' },
    { name: 'whitespace around entries is ignored', version: '1.33.2', blocklist: [' 1.33.2 '], expected: ' 1.33.2 ' },
    { name: 'an empty blocklist matches nothing', version: '1.33.2', blocklist: [], expected: undefined },
  ])('$name', ({ version, blocklist, expected }) => {
    expect(matchBlocklist(version, blocklist)).toBe(expected);
  });
});
