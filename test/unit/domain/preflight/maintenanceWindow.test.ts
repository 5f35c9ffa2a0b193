import { describe, expect, it } from 'vitest';
import { checkMaintenance } from '../../../../src/domain/preflight/checkMaintenance';
import { windowAt, type MaintenanceWindow } from '../../../../src/domain/preflight/maintenanceWindow';

const daily: MaintenanceWindow = { schedule: { daily: { intervalDays: 1 } }, durationHours: 4, utcOffset: '+00:00', startTime: '02:00' };

describe('windowAt: AKS planned-maintenance windows', () => {
  it('daily: open inside, closed outside with the next opening', () => {
    expect(windowAt(daily, '2026-11-21T03:59:00Z')).toEqual({ open: true });
    expect(windowAt(daily, '2026-11-21T06:00:00Z')).toEqual({ open: false, nextOpeningAt: '2026-11-22T02:00:00.000Z' });
    expect(windowAt(daily, '2026-11-21T01:00:00Z')).toEqual({ open: false, nextOpeningAt: '2026-11-21T02:00:00.000Z' });
  });

  it('weekly with a UTC offset: Saturday 22:00 at +05:30 for 8 hours spans into Sunday, in UTC 16:30 Saturday to 00:30 Sunday', () => {
    const w: MaintenanceWindow = { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Saturday' } }, durationHours: 8, utcOffset: '+05:30', startTime: '22:00' };
    expect(windowAt(w, '2026-11-21T16:29:00Z').open).toBe(false); // 2026-11-21 is a Saturday
    expect(windowAt(w, '2026-11-21T16:30:00Z').open).toBe(true);
    expect(windowAt(w, '2026-11-22T00:29:00Z').open).toBe(true);
    expect(windowAt(w, '2026-11-22T00:30:00Z')).toEqual({ open: false, nextOpeningAt: '2026-11-28T16:30:00.000Z' });
  });

  it('skips occurrences on notAllowedDates and honours startDate and intervals', () => {
    const w: MaintenanceWindow = { ...daily, notAllowedDates: [{ start: '2026-11-21', end: '2026-11-22' }] };
    expect(windowAt(w, '2026-11-21T03:00:00Z')).toEqual({ open: false, nextOpeningAt: '2026-11-23T02:00:00.000Z' });
    const everyThird: MaintenanceWindow = { ...daily, schedule: { daily: { intervalDays: 3 } }, startDate: '2026-11-20' };
    expect(windowAt(everyThird, '2026-11-21T03:00:00Z')).toEqual({ open: false, nextOpeningAt: '2026-11-23T02:00:00.000Z' });
  });

  it('relative monthly: the last Friday; absolute monthly: the 1st', () => {
    const last: MaintenanceWindow = { schedule: { relativeMonthly: { intervalMonths: 1, weekIndex: 'Last', dayOfWeek: 'Friday' } }, durationHours: 4, startTime: '00:00' };
    expect(windowAt(last, '2026-11-27T01:00:00Z').open).toBe(true);
    expect(windowAt(last, '2026-11-20T01:00:00Z')).toEqual({ open: false, nextOpeningAt: '2026-11-27T00:00:00.000Z' });
    const first: MaintenanceWindow = { schedule: { absoluteMonthly: { intervalMonths: 1, dayOfMonth: 1 } }, durationHours: 4, startTime: '00:00' };
    expect(windowAt(first, '2026-11-21T01:00:00Z')).toEqual({ open: false, nextOpeningAt: '2026-12-01T00:00:00.000Z' });
  });
});

describe('checkMaintenance', () => {
  const members = [
    { member: 'a', configurations: [{ name: 'aksManagedAutoUpgradeSchedule', maintenanceWindow: daily }] },
    { member: 'b', configurations: [{ name: 'aksManagedNodeOSUpgradeSchedule', maintenanceWindow: daily }, { name: 'default' }] },
  ];

  it('evaluates the schedule of the upgrade kind only, at the planned time', () => {
    expect(checkMaintenance(members, 'kubernetes', '2026-11-21T08:00:00Z').map((f) => [f.code, f.subject, f.evidence.nextOpeningAt])).toEqual([
      ['MaintenanceWindowClosed', 'a', '2026-11-22T02:00:00.000Z'],
    ]);
    expect(checkMaintenance(members, 'nodeimage', '2026-11-21T08:00:00Z').map((f) => f.subject)).toEqual(['b']);
    expect(checkMaintenance(members, 'kubernetes', '2026-11-21T03:00:00Z')).toEqual([]);
  });
});
