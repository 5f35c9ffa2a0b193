import { describe, expect, it } from 'vitest';
import {
  FLEET_RUN_STATES,
  fleetRunState,
  isActive,
  isInProgress,
  isResumable,
  isSkippable,
  isStoppable,
  isStopped,
  isStopping,
  isTerminal,
} from '../../../../src/domain/runs/fleetRunState';

const predicates = { isTerminal, isActive, isInProgress, isStoppable, isStopping, isStopped, isResumable, isSkippable };

describe('Fleet run states', () => {
  it.each([
    ['NotStarted', ['isActive', 'isSkippable']],
    ['Running', ['isActive', 'isInProgress', 'isStoppable', 'isSkippable']],
    ['Pending', ['isActive', 'isInProgress', 'isStoppable', 'isSkippable']],
    ['Stopping', ['isActive', 'isInProgress', 'isStopping']],
    ['Stopped', ['isTerminal', 'isStopping', 'isStopped', 'isResumable']],
    ['Completed', ['isTerminal']],
    ['Failed', ['isTerminal', 'isResumable', 'isSkippable']],
    ['Skipped', ['isTerminal']],
  ] as const)('%s is exactly %j', (state, expected) => {
    const holds = Object.entries(predicates).filter(([, predicate]) => predicate(state)).map(([name]) => name);
    expect(holds).toEqual(expected);
    expect(Object.entries(predicates).filter(([, predicate]) => predicate(state.toUpperCase())).map(([name]) => name)).toEqual(expected);
  });

  it('covers every state Fleet defines, and answers false for a state it does not know (never terminal, stoppable or resumable by accident)', () => {
    expect([...FLEET_RUN_STATES].sort()).toEqual(['Completed', 'Failed', 'NotStarted', 'Pending', 'Running', 'Skipped', 'Stopped', 'Stopping']);
    for (const unknown of ['Deleted', 'Paused', '', undefined, null]) {
      expect(fleetRunState(unknown)).toBeUndefined();
      expect(Object.values(predicates).some((predicate) => predicate(unknown))).toBe(false);
    }
  });
});
