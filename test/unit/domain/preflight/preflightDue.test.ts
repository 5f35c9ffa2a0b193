import { describe, expect, it } from 'vitest';
import { preflightDue, type PreflightDueInput } from '../../../../src/domain/preflight/preflightDue';

const NOW = '2026-11-21T12:00:00.000Z';
const minutesAgo = (m: number): string => new Date(Date.parse(NOW) - m * 60_000).toISOString();

describe('preflightDue: when the timer runs a fleet preflight (the ARM cost rule)', () => {
  const cases: [string, Omit<PreflightDueInput, 'now' | 'refreshHours'>, string | undefined][] = [
    ['nothing stored: startup', { configHash: 'a' }, 'startup'],
    ['stored by an earlier process with the same config, older than the floor: startup', { configHash: 'a', stored: { configHash: 'a', checkedAt: minutesAgo(16) } }, 'startup'],
    ['stored moments ago by another instance with the same config: nothing (cold-start storms)', { configHash: 'a', stored: { configHash: 'a', checkedAt: minutesAgo(5) } }, undefined],
    ['this process ran it and nothing changed: nothing', { configHash: 'a', stored: { configHash: 'a', checkedAt: minutesAgo(60) }, attemptedAt: minutesAgo(60) }, undefined],
    ['the configuration content changed: configChanged', { configHash: 'b', stored: { configHash: 'a', checkedAt: minutesAgo(60) }, attemptedAt: minutesAgo(60) }, 'configChanged'],
    ['the configuration changed but this process just attempted: nothing until the floor passes', { configHash: 'b', stored: { configHash: 'a', checkedAt: minutesAgo(60) }, attemptedAt: minutesAgo(3) }, undefined],
    ['older than the refresh interval: refresh', { configHash: 'a', stored: { configHash: 'a', checkedAt: minutesAgo(24 * 60) }, attemptedAt: minutesAgo(24 * 60) }, 'refresh'],
    ['a failed attempt is not retried within the floor', { configHash: 'a', attemptedAt: minutesAgo(10) }, undefined],
    ['a failed attempt is retried after the floor', { configHash: 'a', attemptedAt: minutesAgo(15) }, 'startup'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(preflightDue({ ...input, now: NOW, refreshHours: 24 })).toBe(expected);
  });
});
