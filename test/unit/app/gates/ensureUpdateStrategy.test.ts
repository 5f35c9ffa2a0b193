import { describe, expect, it } from 'vitest';
import { ensureStrategyOnce, ensureUpdateStrategy } from '../../../../src/app/gates/ensureUpdateStrategy';
import { fakeGateWorld } from './fakeGateWorld';

/** The strategy write is never waited for: Fleet's own state (content and provisioningState) confirms it later. */
describe('ensureUpdateStrategy: confirmed only when Fleet shows the wanted strategy Succeeded', () => {
  const setup = (): ReturnType<typeof fakeGateWorld> & { config: ReturnType<typeof fakeGateWorld>['deps']['config']['fleets'][number] } => {
    const world = fakeGateWorld();
    return { ...world, config: world.deps.config.fleets[0]! };
  };

  it('writes a missing strategy; an asynchronous answer is `accepted`, and a read while Fleet is still Updating is `inProgress` (no second write)', async () => {
    const { fleet, config } = setup();
    fleet.acceptStrategyWrites = true;
    expect(await ensureUpdateStrategy(fleet, config)).toBe('accepted');
    expect(await ensureUpdateStrategy(fleet, config)).toBe('inProgress');
    expect(fleet.count('upsertUpdateStrategy')).toBe(1);
    fleet.strategyStates.set('s', 'Succeeded');
    expect(await ensureUpdateStrategy(fleet, config)).toBe('unchanged');
    expect(fleet.count('upsertUpdateStrategy')).toBe(1);
  });

  it('writes again over a write still running only when asked (the explicit retry), and over a failed one always', async () => {
    const { fleet, config } = setup();
    fleet.acceptStrategyWrites = true;
    await ensureUpdateStrategy(fleet, config);
    expect(await ensureUpdateStrategy(fleet, config, { rewriteInProgress: true })).toBe('accepted');
    expect(fleet.count('upsertUpdateStrategy')).toBe(2);
    fleet.acceptStrategyWrites = false;
    fleet.strategyStates.set('s', 'Failed');
    expect(await ensureUpdateStrategy(fleet, config)).toBe('written');
    expect(fleet.count('upsertUpdateStrategy')).toBe(3);
  });

  it('the tick (ensureStrategyOnce) does not remember a write it has not seen confirmed', async () => {
    const { fleet, config } = setup();
    fleet.acceptStrategyWrites = true;
    expect(await ensureStrategyOnce(fleet, config)).toBe('accepted');
    expect(await ensureStrategyOnce(fleet, config)).toBe('inProgress');
    fleet.strategyStates.set('s', 'Succeeded');
    expect(await ensureStrategyOnce(fleet, config)).toBe('unchanged');
    const reads = fleet.count('getUpdateStrategyState');
    expect(await ensureStrategyOnce(fleet, config)).toBe('unchanged');
    expect(fleet.count('getUpdateStrategyState')).toBe(reads); // confirmed once: no more reads
  });
});
