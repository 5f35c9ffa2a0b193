import { describe, expect, it } from 'vitest';
import { resolveVersionPolicy, type VersionPolicy } from '../../../../src/domain/versions/versionPolicy';
import { validateVersionPolicy } from '../../../../src/domain/versions/validateVersionPolicy';
import { aPolicy } from './builders';

describe('validateVersionPolicy', () => {
  it.each<{ name: string; policy: VersionPolicy; expected: string[] }>([
    { name: 'a target policy with a minor is valid', policy: aPolicy(), expected: [] },
    { name: 'an LTS-pinned target policy is valid', policy: aPolicy({ targetMinor: '1.28', longTermSupport: true }), expected: [] },
    { name: 'an LTS-pinned patch policy is valid', policy: aPolicy({ channel: 'patch', longTermSupport: true }), expected: [] },
    {
      name: 'the target channel without a minor is invalid',
      policy: { channel: 'target' },
      expected: ["The policy is invalid: the target channel needs targetMinor as major.minor (got '')."],
    },
    {
      name: 'an unknown channel is invalid',
      policy: { channel: 'fast' as VersionPolicy['channel'] },
      expected: ["The policy is invalid: unknown channel 'fast'."],
    },
    {
      name: 'negative hours are invalid',
      policy: aPolicy({ soakHours: -1, minimumPatchAgeHours: Number.NaN }),
      expected: [
        'The policy is invalid: soakHours must be a number of hours ≥ 0 (got -1).',
        'The policy is invalid: minimumPatchAgeHours must be a number of hours ≥ 0 (got NaN).',
      ],
    },
    {
      name: 'long-term support on a moving channel is invalid because it would leave the LTS minor',
      policy: aPolicy({ channel: 'rapid', longTermSupport: true }),
      expected: ['The policy is invalid: longTermSupport needs the target or patch channel; rapid would move the fleet off its LTS minor.'],
    },
    {
      name: 'window problems are reported with the policy problems',
      policy: aPolicy({ windows: [{ name: 'w', effect: 'deny', type: 'weekly', timeZone: 'Nowhere/City', start: '01:00', end: '02:00' }] }),
      expected: ["The policy is invalid: window 'w' (daily 01:00-02:00 Nowhere/City) has an unknown time zone 'Nowhere/City'."],
    },
  ])('$name', ({ policy, expected }) => {
    expect(validateVersionPolicy(resolveVersionPolicy(policy))).toEqual(expected.map((message) => ({ code: 'InvalidPolicy', message })));
  });
});

describe('resolveVersionPolicy', () => {
  it('applies the documented defaults: no delays, skip .0 patches, no blocklist, no LTS, no windows', () => {
    expect(resolveVersionPolicy({ channel: 'stable' })).toEqual({
      channel: 'stable',
      targetMinor: undefined,
      soakHours: 0,
      minimumPatchAgeHours: 0,
      skipDotZeroPatches: true,
      blocklist: [],
      longTermSupport: false,
      windows: [],
    });
  });
});
