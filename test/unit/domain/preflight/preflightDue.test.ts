import { describe, expect, it } from 'vitest';
import { preflightDue, preflightIncomplete, type PreflightDueInput } from '../../../../src/domain/preflight/preflightDue';
import type { PreflightFinding, PreflightReport } from '../../../../src/domain/preflight/preflightFinding';

const NOW = '2026-11-21T12:00:00.000Z';
const minutesAgo = (m: number): string => new Date(Date.parse(NOW) - m * 60_000).toISOString();
const HOURS_24 = 24 * 60;
const stored = (configHash: string, ageMinutes: number, incomplete = false): PreflightDueInput['stored'] => ({ configHash, checkedAt: minutesAgo(ageMinutes), incomplete });

describe('preflightDue: when the timer runs a fleet preflight (the ARM cost rule)', () => {
  const cases: [string, Omit<PreflightDueInput, 'now' | 'refreshHours'>, string | undefined][] = [
    ['nothing stored (first deployment): startup', { configHash: 'a' }, 'startup'],
    ['a new process, stored complete and fresh for the same config (16 min old): nothing', { configHash: 'a', stored: stored('a', 16) }, undefined],
    ['a new process, stored complete for the same config, 23 h 59 min old: nothing', { configHash: 'a', stored: stored('a', HOURS_24 - 1) }, undefined],
    ['a new process, stored moments ago by another instance with the same config: nothing (cold-start storms)', { configHash: 'a', stored: stored('a', 5) }, undefined],
    ['a new process, stored for another config: configChanged', { configHash: 'b', stored: stored('a', 5) }, 'configChanged'],
    ['a new process, stored older than the refresh interval: refresh', { configHash: 'a', stored: stored('a', HOURS_24) }, 'refresh'],
    ['a new process, stored incomplete (the last one failed) and older than the floor: refresh', { configHash: 'a', stored: stored('a', 15, true) }, 'refresh'],
    ['a new process, stored incomplete but younger than the floor: nothing yet', { configHash: 'a', stored: stored('a', 14, true) }, undefined],
    ['this process ran it and nothing changed: nothing', { configHash: 'a', stored: stored('a', 60), attemptedAt: minutesAgo(60) }, undefined],
    ['this process stored an incomplete report over the floor ago: refresh', { configHash: 'a', stored: stored('a', 20, true), attemptedAt: minutesAgo(20) }, 'refresh'],
    ['the configuration content changed: configChanged', { configHash: 'b', stored: stored('a', 60), attemptedAt: minutesAgo(60) }, 'configChanged'],
    ['the configuration changed but this process just attempted: nothing until the floor passes', { configHash: 'b', stored: stored('a', 60), attemptedAt: minutesAgo(3) }, undefined],
    ['older than the refresh interval: refresh', { configHash: 'a', stored: stored('a', HOURS_24), attemptedAt: minutesAgo(HOURS_24) }, 'refresh'],
    ['stale, but this process attempted (and failed) within the floor: nothing', { configHash: 'a', stored: stored('a', HOURS_24 + 30), attemptedAt: minutesAgo(10) }, undefined],
    ['a failed attempt (nothing stored) is not retried within the floor', { configHash: 'a', attemptedAt: minutesAgo(10) }, undefined],
    ['a failed attempt (nothing stored) is retried after the floor', { configHash: 'a', attemptedAt: minutesAgo(15) }, 'startup'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(preflightDue({ ...input, now: NOW, refreshHours: 24 })).toBe(expected);
  });
});

describe('preflightIncomplete: a stored report that counts as a failed preflight', () => {
  const all: PreflightReport['checked'] = ['permissions', 'groups', 'versions', 'autoUpgrade', 'maintenance', 'workspace'];
  const finding = (code: string): PreflightFinding => ({ area: 'permissions', code, severity: 'warning', subject: 's', message: 'm', evidence: {}, fix: 'f' });
  const cases: [string, Pick<PreflightReport, 'checked' | 'findings'>, boolean][] = [
    ['every check made, no findings: complete', { checked: all, findings: [] }, false],
    ['every check made, findings of the fleet itself: complete (rerunning would find the same)', { checked: all, findings: [finding('MaintenanceWindowClosed'), finding('MissingPermission')] }, false],
    ['a read failed (throttled, server error): incomplete', { checked: all, findings: [finding('CallFailed')] }, true],
    ['a check area not made (e.g. members could not be listed): incomplete', { checked: all.filter((a) => a !== 'versions'), findings: [] }, true],
  ];
  it.each(cases)('%s', (_name, report, expected) => {
    expect(preflightIncomplete(report)).toBe(expected);
  });
});
