import { describe, expect, it } from 'vitest';
import { evaluatePolicyWindows, validateWindows, type WindowStatus } from '../../../../src/domain/versions/policyWindow';
import type { PolicyWindow } from '../../../../src/domain/versions/versionPolicy';
import { NOW } from './builders';

const weekdaysBerlin: PolicyWindow = {
  name: 'office-hours',
  effect: 'allow',
  type: 'weekly',
  timeZone: 'Europe/Berlin',
  days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  start: '09:00',
  end: '17:00',
};

function given(windows: readonly PolicyWindow[]) {
  return { whenEvaluatedAt: (at: string): WindowStatus => evaluatePolicyWindows(windows, Date.parse(at)) };
}

describe('evaluatePolicyWindows', () => {
  it.each<{ name: string; windows: PolicyWindow[]; at: string; expected: WindowStatus }>([
    { name: 'no windows at all means runs are always allowed', windows: [], at: NOW, expected: { open: true } },
    {
      name: 'inside a weekly allow window runs are allowed (Saturday 18:00 Berlin is inside 17:00-20:00)',
      windows: [{ effect: 'allow', type: 'weekly', timeZone: 'Europe/Berlin', days: ['Sat'], start: '17:00', end: '20:00' }],
      at: NOW,
      expected: { open: true },
    },
    {
      name: 'on a Saturday a weekday allow window is closed and the next opening is Monday 09:00 Berlin (08:00 UTC)',
      windows: [weekdaysBerlin],
      at: NOW,
      expected: {
        open: false,
        nextOpeningAt: '2026-11-23T08:00:00.000Z',
        reasons: [
          {
            code: 'OutsideAllowWindow',
            message:
              "No allow window is open ('office-hours' (Mon,Tue,Wed,Thu,Fri 09:00-17:00 Europe/Berlin)); runs may start again at 2026-11-23T08:00:00.000Z.",
            until: '2026-11-23T08:00:00.000Z',
          },
        ],
      },
    },
    {
      name: 'the end of a window is exclusive: Saturday 18:00 Berlin is outside 09:00-18:00',
      windows: [{ effect: 'allow', type: 'weekly', timeZone: 'Europe/Berlin', days: ['Sat'], start: '09:00', end: '18:00' }],
      at: NOW,
      expected: {
        open: false,
        nextOpeningAt: '2026-11-28T08:00:00.000Z',
        reasons: [
          {
            code: 'OutsideAllowWindow',
            message: 'No allow window is open ((Sat 09:00-18:00 Europe/Berlin)); runs may start again at 2026-11-28T08:00:00.000Z.',
            until: '2026-11-28T08:00:00.000Z',
          },
        ],
      },
    },
    {
      name: 'a deny date range closes runs until its local end, converted to UTC',
      windows: [{ name: 'weekend-freeze', effect: 'deny', type: 'dates', timeZone: 'Europe/Berlin', from: '2026-11-20T00:00', to: '2026-11-23T00:00' }],
      at: NOW,
      expected: {
        open: false,
        nextOpeningAt: '2026-11-22T23:00:00.000Z',
        reasons: [
          {
            code: 'DenyWindow',
            message:
              "Deny window 'weekend-freeze' (2026-11-20T00:00 to 2026-11-23T00:00 Europe/Berlin) is active until 2026-11-22T23:00:00.000Z; runs may start again at 2026-11-22T23:00:00.000Z.",
            until: '2026-11-22T23:00:00.000Z',
            matched: 'weekend-freeze',
          },
        ],
      },
    },
    {
      name: 'deny wins over an allow window that is open at the same time',
      windows: [
        { name: 'always', effect: 'allow', type: 'weekly', timeZone: 'UTC', start: '00:00', end: '00:00' },
        { name: 'saturday-evening', effect: 'deny', type: 'weekly', timeZone: 'Europe/Berlin', days: ['Sat'], start: '12:00', end: '20:00' },
      ],
      at: NOW,
      expected: {
        open: false,
        nextOpeningAt: '2026-11-21T19:00:00.000Z',
        reasons: [
          {
            code: 'DenyWindow',
            message:
              "Deny window 'saturday-evening' (Sat 12:00-20:00 Europe/Berlin) is active until 2026-11-21T19:00:00.000Z; runs may start again at 2026-11-21T19:00:00.000Z.",
            until: '2026-11-21T19:00:00.000Z',
            matched: 'saturday-evening',
          },
        ],
      },
    },
    {
      name: 'an overnight allow window opens at 22:00 New York time (03:00 UTC next day)',
      windows: [{ name: 'nights', effect: 'allow', type: 'weekly', timeZone: 'America/New_York', start: '22:00', end: '06:00' }],
      at: NOW,
      expected: {
        open: false,
        nextOpeningAt: '2026-11-22T03:00:00.000Z',
        reasons: [
          {
            code: 'OutsideAllowWindow',
            message: "No allow window is open ('nights' (daily 22:00-06:00 America/New_York)); runs may start again at 2026-11-22T03:00:00.000Z.",
            until: '2026-11-22T03:00:00.000Z',
          },
        ],
      },
    },
    {
      name: 'an overnight allow window is still open after local midnight',
      windows: [{ effect: 'allow', type: 'weekly', timeZone: 'America/New_York', days: ['Sat'], start: '22:00', end: '06:00' }],
      at: '2026-11-22T08:30:00.000Z',
      expected: { open: true },
    },
    {
      name: 'the next opening follows the daylight-saving change (09:00 Berlin is 07:00 UTC after 29 March)',
      windows: [{ effect: 'allow', type: 'weekly', timeZone: 'Europe/Berlin', start: '09:00', end: '10:00' }],
      at: '2026-03-28T12:00:00.000Z',
      expected: {
        open: false,
        nextOpeningAt: '2026-03-29T07:00:00.000Z',
        reasons: [
          {
            code: 'OutsideAllowWindow',
            message: 'No allow window is open ((daily 09:00-10:00 Europe/Berlin)); runs may start again at 2026-03-29T07:00:00.000Z.',
            until: '2026-03-29T07:00:00.000Z',
          },
        ],
      },
    },
    {
      name: 'a year-end freeze inside office hours reopens at the first office hour after the freeze',
      windows: [
        weekdaysBerlin,
        { name: 'year-end', effect: 'deny', type: 'dates', timeZone: 'Europe/Berlin', from: '2026-12-20T00:00', to: '2027-01-05T00:00' },
      ],
      at: '2026-12-22T10:00:00.000Z',
      expected: {
        open: false,
        nextOpeningAt: '2027-01-05T08:00:00.000Z',
        reasons: [
          {
            code: 'DenyWindow',
            message:
              "Deny window 'year-end' (2026-12-20T00:00 to 2027-01-05T00:00 Europe/Berlin) is active until 2027-01-04T23:00:00.000Z; runs may start again at 2027-01-05T08:00:00.000Z.",
            until: '2027-01-04T23:00:00.000Z',
            matched: 'year-end',
          },
        ],
      },
    },
    {
      name: 'a deny window that never ends reports no opening time',
      windows: [{ name: 'frozen', effect: 'deny', type: 'weekly', timeZone: 'UTC', start: '00:00', end: '00:00' }],
      at: NOW,
      expected: {
        open: false,
        nextOpeningAt: undefined,
        reasons: [
          {
            code: 'DenyWindow',
            message: "Deny window 'frozen' (daily 00:00-00:00 UTC) is active until 2026-11-22T00:00:00.000Z; no opening is scheduled.",
            until: '2026-11-22T00:00:00.000Z',
            matched: 'frozen',
          },
        ],
      },
    },
  ])('$name', ({ windows, at, expected }) => {
    expect(given(windows).whenEvaluatedAt(at)).toEqual(expected);
  });
});

describe('validateWindows', () => {
  it.each<{ name: string; windows: PolicyWindow[]; expected: string[] }>([
    { name: 'well-formed windows are valid', windows: [weekdaysBerlin], expected: [] },
    {
      name: 'an unknown time zone is reported',
      windows: [{ name: 'w', effect: 'deny', type: 'weekly', timeZone: 'Mars/Olympus', start: '01:00', end: '02:00' }],
      expected: ["The policy is invalid: window 'w' (daily 01:00-02:00 Mars/Olympus) has an unknown time zone 'Mars/Olympus'."],
    },
    {
      name: 'a time that is not HH:MM is reported',
      windows: [{ name: 'w', effect: 'allow', type: 'weekly', timeZone: 'UTC', start: '9:00', end: '24:00' }],
      expected: ["The policy is invalid: window 'w' (daily 9:00-24:00 UTC) needs start and end as HH:MM."],
    },
    {
      name: 'a date range with a date only is reported',
      windows: [{ name: 'w', effect: 'deny', type: 'dates', timeZone: 'UTC', from: '2026-12-20', to: '2027-01-05T00:00' }],
      expected: ["The policy is invalid: window 'w' (2026-12-20 to 2027-01-05T00:00 UTC) needs from and to as YYYY-MM-DDTHH:MM."],
    },
    {
      name: 'a date range that ends before it starts is reported',
      windows: [{ name: 'w', effect: 'deny', type: 'dates', timeZone: 'UTC', from: '2027-01-05T00:00', to: '2026-12-20T00:00' }],
      expected: ["The policy is invalid: window 'w' (2027-01-05T00:00 to 2026-12-20T00:00 UTC) ends before it starts."],
    },
  ])('$name', ({ windows, expected }) => {
    expect(validateWindows(windows)).toEqual(expected.map((message) => ({ code: 'InvalidPolicy', message })));
  });
});
