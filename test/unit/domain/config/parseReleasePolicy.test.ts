import { describe, expect, it } from 'vitest';
import { parseConductorConfig } from '../../../../src/domain/config/parseConductorConfig';

const SUB = '00000000-0000-0000-0000-000000000000';
const doc = (release: unknown): unknown => ({
  fleets: [{ name: 'fleet-demo', subscriptionId: SUB, resourceGroup: 'rg', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 's', release }],
  strategies: [{ name: 's', stages: [{ name: 'all', groups: ['dev'] }] }],
});

describe('a fleet release section', () => {
  it('given a full explicit policy, returns it with defaults filled', () => {
    const result = parseConductorConfig(
      doc({
        channel: 'stable',
        soakHours: 24,
        blocklist: ['1.33.1', '1.34.*'],
        windows: [
          { type: 'weekly', effect: 'allow', timeZone: 'Europe/Berlin', days: ['Mon', 'Tue'], start: '09:00', end: '16:00' },
          { type: 'dates', effect: 'deny', timeZone: 'UTC', from: '2026-12-20T00:00', to: '2027-01-04T00:00', name: 'year-end-freeze' },
        ],
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.fleets[0]?.release).toEqual({
      mode: 'explicit',
      nodeImageSelection: 'Latest',
      policy: {
        channel: 'stable',
        soakHours: 24,
        minimumPatchAgeHours: 0,
        skipDotZeroPatches: true,
        blocklist: ['1.33.1', '1.34.*'],
        longTermSupport: false,
        windows: [
          { type: 'weekly', effect: 'allow', timeZone: 'Europe/Berlin', days: ['Mon', 'Tue'], start: '09:00', end: '16:00' },
          { type: 'dates', effect: 'deny', timeZone: 'UTC', from: '2026-12-20T00:00', to: '2027-01-04T00:00', name: 'year-end-freeze' },
        ],
      },
    });
  });

  it('takes profile mode with its auto-upgrade profile', () => {
    const result = parseConductorConfig(doc({ mode: 'profile', autoUpgradeProfile: 'stable-auto', channel: 'stable' }));
    expect(result.ok && result.value.fleets[0]?.release?.autoUpgradeProfile).toBe('stable-auto');
  });

  it.each([
    { name: 'an unknown channel', release: { channel: 'fast' }, path: 'fleets[0].release.channel', message: expect.stringContaining('must be one of rapid, stable, patch, target, nodeimage') },
    { name: 'profile mode without a profile', release: { mode: 'profile', channel: 'stable' }, path: 'fleets[0].release.autoUpgradeProfile', message: 'is required when mode is profile' },
    { name: 'the target channel without targetMinor', release: { channel: 'target' }, path: 'fleets[0].release', message: expect.stringContaining('targetMinor') },
    { name: 'an unknown time zone', release: { channel: 'stable', windows: [{ type: 'weekly', effect: 'deny', timeZone: 'Mars/Olympus', start: '00:00', end: '06:00' }] }, path: 'fleets[0].release', message: expect.stringContaining("unknown time zone 'Mars/Olympus'") },
    { name: 'a malformed window time', release: { channel: 'stable', windows: [{ type: 'weekly', effect: 'deny', timeZone: 'UTC', start: '9am', end: '06:00' }] }, path: 'fleets[0].release.windows[0].start', message: 'must match HH:MM' },
    { name: 'an unknown weekday', release: { channel: 'stable', windows: [{ type: 'weekly', effect: 'deny', timeZone: 'UTC', days: ['Funday'], start: '00:00', end: '06:00' }] }, path: 'fleets[0].release.windows[0].days[0]', message: 'must be one of Mon, Tue, Wed, Thu, Fri, Sat, Sun, got "Funday"' },
    { name: 'a negative soak', release: { channel: 'stable', soakHours: -1 }, path: 'fleets[0].release.soakHours', message: 'must be at least 0' },
    { name: 'a misspelt key', release: { channel: 'stable', soakHour: 3 }, path: 'fleets[0].release.soakHour', message: expect.stringContaining('unknown key') },
  ])('refuses $name, with its path', ({ release, path, message }) => {
    const result = parseConductorConfig(doc(release));
    expect(result.ok ? [] : result.issues).toContainEqual({ path, message });
  });
});
